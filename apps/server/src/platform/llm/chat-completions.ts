import { type OutboundClient, OutboundError, OutboundTimeoutError } from '../outbound/index.js';

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

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** Where and as whom: any OpenAI-compatible API (OpenAI, Ollama's `/v1`, vLLM). */
export interface ChatEndpoint {
  outbound: OutboundClient;
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
}

const tokens = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);

/**
 * One `POST {base}/chat/completions` through the outbound guard, temperature 0, with a strict
 * `json_schema` response format. Resolves to the message's text content and the `usage` the server
 * reported; a thrown LlmError carries that usage when the server answered (it was a paid call).
 */
export async function chatCompletion(
  endpoint: ChatEndpoint,
  request: {
    messages: ChatMessage[];
    schema: { name: string; schema: object };
    maxTokens?: number;
    /** An answer bigger than this is no answer. */
    maxResponseBytes: number;
  },
): Promise<{ content: string; usage: LlmUsage }> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const body = JSON.stringify({
    model: endpoint.model,
    messages: request.messages,
    temperature: 0,
    ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
    response_format: { type: 'json_schema', json_schema: { ...request.schema, strict: true } },
  });
  let res: Awaited<ReturnType<OutboundClient['request']>>;
  try {
    res = await endpoint.outbound.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      body,
      timeoutMs: endpoint.timeoutMs,
      maxBytes: request.maxResponseBytes,
    });
  } catch (error) {
    if (error instanceof OutboundTimeoutError)
      throw new LlmError('LLM_TIMEOUT', `no answer within ${endpoint.timeoutMs} ms`);
    // The outbound errors name the host only, never the URL's path or query.
    if (error instanceof OutboundError)
      throw new LlmError('LLM_UNREACHABLE', `${error.code}: ${error.message}`);
    throw error;
  }
  // The body of an error response is not repeated: a proxy may echo the request (and its key).
  if (res.status < 200 || res.status >= 300) throw new LlmError('LLM_HTTP_ERROR', `HTTP ${res.status}`);
  let parsed: {
    choices?: Array<{ message?: { content?: unknown; refusal?: unknown } }>;
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  };
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new LlmError('LLM_INVALID_ANSWER', 'the response is not JSON');
  }
  const usage = {
    inputTokens: tokens(parsed.usage?.prompt_tokens),
    outputTokens: tokens(parsed.usage?.completion_tokens),
  };
  const message = parsed.choices?.[0]?.message;
  if (message?.refusal) throw new LlmError('LLM_INVALID_ANSWER', 'the model refused', usage);
  if (typeof message?.content !== 'string')
    throw new LlmError('LLM_INVALID_ANSWER', 'no choices[0].message.content', usage);
  return { content: message.content, usage };
}

/** The content as JSON; some backends wrap it in a Markdown fence even in JSON mode. */
export function parseJsonContent(content: string): unknown {
  return JSON.parse(content.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
}
