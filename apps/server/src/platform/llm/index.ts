// Calls to an OpenAI-compatible Chat Completions API (the inbox's extraction, the AI settings' test).
export {
  type ChatEndpoint,
  type ChatMessage,
  chatCompletion,
  LlmError,
  type LlmUsage,
  parseJsonContent,
} from './chat-completions.js';
