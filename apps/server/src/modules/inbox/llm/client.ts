import {
  type ChatEndpoint,
  type ChatMessage,
  chatCompletion,
  LlmError,
  type LlmUsage,
  parseJsonContent,
} from '../../../platform/llm/index.js';
import { ANSWER_SCHEMA_NAME, answerJsonSchema } from './fields.js';

export { LlmError, type LlmUsage };

export interface LlmClient {
  /**
   * One Chat Completions call with the strict JSON schema; resolves to the parsed JSON content and
   * the `usage` the server reported. A thrown LlmError carries the usage when the server answered.
   */
  complete(messages: ChatMessage[]): Promise<{ answer: unknown; usage: LlmUsage }>;
}

// An answer is a few hundred bytes of JSON; anything near this is not an answer.
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** The inbox's extraction call: the invoice fields' strict schema (`fields.ts`), parsed as JSON. */
export function createLlmClient(endpoint: ChatEndpoint): LlmClient {
  return {
    async complete(messages) {
      const { content, usage } = await chatCompletion(endpoint, {
        messages,
        schema: { name: ANSWER_SCHEMA_NAME, schema: answerJsonSchema },
        maxResponseBytes: MAX_RESPONSE_BYTES,
      });
      try {
        return { answer: parseJsonContent(content), usage };
      } catch {
        throw new LlmError('LLM_INVALID_ANSWER', 'the content is not JSON', usage);
      }
    },
  };
}
