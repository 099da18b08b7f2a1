export { aiModule } from './ai.module.js';
export type { AiGateway, AiService, LlmDecision, LlmProvider } from './ai.service.js';
