export { aiModule } from './ai.module.js';
export type { AiTrialFieldResult } from './ai.schema.js';
export type { AiGateway, AiService, LlmDecision, LlmProvider } from './ai.service.js';
export {
  DEFAULT_EXTRACTION_PROMPT,
  missingPlaceholders,
  PROMPT_PLACEHOLDERS,
  renderPrompt,
} from './prompt-template.js';
export type { PromptTrialDocuments, PromptTrialOutcome } from './prompt-trial.js';
