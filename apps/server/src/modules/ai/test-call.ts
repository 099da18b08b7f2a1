import { type OutboundClient, OutboundError, OutboundTimeoutError } from '../../platform/outbound/index.js';

export type AiCallErrorCode = 'LLM_TIMEOUT' | 'LLM_UNREACHABLE' | 'LLM_HTTP_ERROR' | 'LLM_INVALID_ANSWER';

/** A connection test that gave no answer; the message names no URL, key or body. */
export class AiCallError extends Error {
  constructor(
    readonly code: AiCallErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AiCallError';
  }
}

// The answer is one short word; max_tokens keeps a test cheap on a paid API.
const MAX_TOKENS = 20;
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * "Probar conexión": one tiny Chat Completions call with the same strict `json_schema` shape the
 * inbox sends (so a server that refuses it fails the test, not the first invoice). Resolves to the
 * model's short answer and the `usage` it reported.
 */
export async function testChatCompletion(opts: {
  outbound: OutboundClient;
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
}): Promise<{ answer: string; inputTokens: number; outputTokens: number }> {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const body = JSON.stringify({
    model: opts.model,
    temperature: 0,
    max_tokens: MAX_TOKENS,
    messages: [
      { role: 'system', content: 'Responde con el objeto JSON {"respuesta": "OK"}.' },
      { role: 'user', content: 'Prueba de conexión de Bóveda.' },
    ],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'prueba_conexion',
        strict: true,
        schema: {
          type: 'object',
          properties: { respuesta: { type: 'string' } },
          required: ['respuesta'],
          additionalProperties: false,
        },
      },
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
      throw new AiCallError('LLM_TIMEOUT', `no answer within ${opts.timeoutMs} ms`);
    if (error instanceof OutboundError) throw new AiCallError('LLM_UNREACHABLE', error.code);
    throw error;
  }
  // The body of an error response is not kept: a proxy may echo the request (and its key).
  if (res.status < 200 || res.status >= 300) throw new AiCallError('LLM_HTTP_ERROR', `HTTP ${res.status}`);
  let parsed: {
    choices?: Array<{ message?: { content?: unknown } }>;
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  };
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new AiCallError('LLM_INVALID_ANSWER', 'the response is not JSON');
  }
  const content = parsed.choices?.[0]?.message?.content;
  if (typeof content !== 'string')
    throw new AiCallError('LLM_INVALID_ANSWER', 'no choices[0].message.content');
  let answer = content.trim();
  try {
    const json = JSON.parse(answer.replace(/^```(?:json)?\s*|\s*```$/g, '')) as { respuesta?: unknown };
    if (typeof json.respuesta === 'string') answer = json.respuesta;
  } catch {
    // A model that ignores JSON mode still answered: its text is the answer shown.
  }
  return { answer: answer.slice(0, 200), ...tokensOf(parsed.usage) };
}

/** The OpenAI `usage` field's counts (0 when a backend leaves it out or sends nonsense). */
export function tokensOf(usage: { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined) {
  const n = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);
  return { inputTokens: n(usage?.prompt_tokens), outputTokens: n(usage?.completion_tokens) };
}
