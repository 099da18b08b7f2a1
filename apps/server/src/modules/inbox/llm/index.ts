export { createLlmClient, type LlmClient, LlmError } from './client.js';
export { createLlmStep, type LlmStep, needsLlm } from './llm-step.js';
export { LLM_CONFIDENCE, mergeLlmAnswer, normalizeLlmValue } from './merge.js';
export { buildPrompt, DOCUMENT_END, DOCUMENT_START, documentTextOf } from './prompt.js';
