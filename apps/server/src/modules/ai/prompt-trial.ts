import type { AiDocumentKind, AiTrialErrorCode } from '@boveda/contracts';
import type { Reader } from '../../platform/crypto/index.js';
import type { AiTrialFieldResult } from './ai.schema.js';

/** What a trial's run gave: the fields beside the invoice's, or why there is no answer. */
export type PromptTrialOutcome =
  | {
      ok: true;
      model: string;
      latencyMs: number;
      inputTokens: number;
      outputTokens: number;
      fields: AiTrialFieldResult[];
    }
  | {
      ok: false;
      code: AiTrialErrorCode;
      model: string | null;
      latencyMs: number | null;
      inputTokens: number | null;
      outputTokens: number | null;
    };

/**
 * What "Probar con un documento" needs from the module that owns the documents (the inbox, which
 * implements it and is wired in by the composition root: it is built after this module, and already
 * depends on it for `AiGateway`). The ai module owns the trial and its row; the inbox owns reading
 * the document, rendering the prompt and judging the answer — the same code its extraction runs.
 */
export interface PromptTrialDocuments {
  /**
   * How the organization's invoice was read (`xml`, `pdf-text`, `pdf-image`, `image`; null: not
   * read yet), or undefined when the organization has no invoice with that id. Cheap: no file read.
   */
  readingOf(tenantId: string, invoiceId: string): Promise<{ kind: string | null } | undefined>;
  /**
   * In a job: reads the stored document again, renders `template` as the extraction would, asks
   * the model through `AiGateway.decide` (the settings, the cap and the metering apply) and
   * compares each answered field with the invoice's current value. Never throws for the model's or
   * the document's sake: a failure is an outcome with a code.
   */
  run(input: {
    tenantId: string;
    invoiceId: string;
    kind: AiDocumentKind;
    template: string;
    reader: Reader;
  }): Promise<PromptTrialOutcome>;
}
