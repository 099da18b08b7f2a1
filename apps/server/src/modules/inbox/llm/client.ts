import {
  type OutboundClient,
  OutboundError,
  OutboundTimeoutError,
} from '../../../platform/outbound/index.js';
import { ANSWER_SCHEMA_NAME, answerJsonSchema } from './fields.js';
import type { ChatMessage } from './prompt.js';

/** Why an LLM call gave no usable answer. The message names no URL, key or document text. */
export class LlmError extends Error {
  constructor(
    readonly code: 'LLM_TIMEOUT' | 'LLM_UNREACHABLE' | 'LLM_HTTP_ERROR' | 'LLM_INVALID_ANSWER',
    message: string,
    /** What the server reported it used, when it answered (a paid call even if unusable). */
    readonly usage?: LlmUsage,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}

/** Tokens the server reported in the answer's OpenAI `usage` (0 when it left them out). */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmClient {
  /**
   * One Chat Completions call with the strict JSON schema; resolves to the parsed JSON content and
   * the `usage` the server reported. A thrown LlmError carries the usage when the server answered.
   */
  complete(messages: ChatMessage[]): Promise<{ answer: unknown; usage: LlmUsage }>;
}

const tokens = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);

// An answer is a few hundred bytes of JSON; anything near this is not an answer.
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * A client for any OpenAI-compatible API (OpenAI, Ollama's `/v1`, vLLM): `POST {base}/chat/completions`
 * with `response_format: json_schema` (strict) and temperature 0, through the outbound guard.
 */
export function createLlmClient(opts: {
  outbound: OutboundClient;
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
}): LlmClient {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    async complete(messages) {
      const body = JSON.stringify({
        model: opts.model,
        messages,
        temperature: 0,
        response_format: {
          type: 'json_schema',
          json_schema: { name: ANSWER_SCHEMA_NAME, strict: true, schema: answerJsonSchema },
        },
      });
      let res: Awaited<ReturnType<OutboundClient['request']>>;
      try {
        res = await opts.outbound.request(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
          },
          body,
          timeoutMs: opts.timeoutMs,
          maxBytes: MAX_RESPONSE_BYTES,
        });
      } catch (error) {
        if (error instanceof OutboundTimeoutError)
          throw new LlmError('LLM_TIMEOUT', `no answer within ${opts.timeoutMs} ms`);
        // The outbound errors name the host only, never the URL's path or query.
        if (error instanceof OutboundError)
          throw new LlmError('LLM_UNREACHABLE', `${error.code}: ${error.message}`);
        throw error;
      }
      // The body of an error response is not repeated: a proxy may echo the request (and its key).
      if (res.status < 200 || res.status >= 300) throw new LlmError('LLM_HTTP_ERROR', `HTTP ${res.status}`);
      let content: unknown;
      let usage: LlmUsage = { inputTokens: 0, outputTokens: 0 };
      try {
        const parsed = JSON.parse(res.body.toString('utf8')) as {
          choices?: Array<{ message?: { content?: unknown; refusal?: unknown } }>;
          usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
        };
        usage = {
          inputTokens: tokens(parsed.usage?.prompt_tokens),
          outputTokens: tokens(parsed.usage?.completion_tokens),
        };
        const message = parsed.choices?.[0]?.message;
        if (message?.refusal) throw new LlmError('LLM_INVALID_ANSWER', 'the model refused', usage);
        content = message?.content;
      } catch (error) {
        if (error instanceof LlmError) throw error;
        throw new LlmError('LLM_INVALID_ANSWER', 'the response is not JSON');
      }
      if (typeof content !== 'string')
        throw new LlmError('LLM_INVALID_ANSWER', 'no choices[0].message.content', usage);
      try {
        // Some backends wrap JSON in a Markdown fence even in JSON mode.
        return { answer: JSON.parse(content.trim().replace(/^```(?:json)?\s*|\s*```$/g, '')), usage };
      } catch {
        throw new LlmError('LLM_INVALID_ANSWER', 'the content is not JSON', usage);
      }
    },
  };
}
