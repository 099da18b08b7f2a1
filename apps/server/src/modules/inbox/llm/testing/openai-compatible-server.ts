import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { documentTextOf } from '../prompt.js';

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: the body is whatever the client sent; tests assert on it
  body: any;
  /** The system and user messages' text. */
  system: string;
  user: string;
  /** The document text between the prompt's delimiters (null: none found). */
  documentText: string | null;
}

/** The OpenAI `usage` an answer reports (tests of metering script it). */
export interface ScriptedUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** What a scripted answer may be. */
export type ScriptedAnswer =
  /** `choices[0].message.content` = JSON.stringify(content). */
  | { content: unknown; usage?: ScriptedUsage }
  /** `choices[0].message.content` = this text, as it is (not JSON, a fenced block…). */
  | { rawContent: string; usage?: ScriptedUsage }
  /** An HTTP error with an OpenAI-style error body. */
  | { status: number; message?: string }
  /** Wait before answering (a slow model; past the client's timeout it is a timeout). */
  | { delayMs: number; answer: ScriptedAnswer };

export type AnswerHandler = (req: RecordedRequest) => ScriptedAnswer | Promise<ScriptedAnswer>;

export interface OpenAiCompatibleServer {
  /** Base URL, `http://127.0.0.1:<port>/v1`: what INBOX_LLM_URL is set to. */
  url: string;
  /** `127.0.0.1:<port>`, for OUTBOUND_ALLOWED_HOSTS. */
  host: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; when none is queued, `handler` answers. */
  enqueue(...answers: ScriptedAnswer[]): void;
  handler: AnswerHandler;
  close(): Promise<void>;
}

const NULL_ANSWER: ScriptedAnswer = { content: {} };

/**
 * A local stand-in for an OpenAI-compatible Chat Completions API (OpenAI, Ollama's /v1, vLLM), for
 * tests: `POST /v1/chat/completions` with a Bearer key (when `apiKey` is set) and a strict
 * `json_schema` response_format, answering `choices[0].message.content` as JSON text. Every request
 * is recorded; answers are scripted per test.
 */
export async function startOpenAiCompatibleServer(
  opts: { apiKey?: string; model?: string } = {},
): Promise<OpenAiCompatibleServer> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedAnswer[] = [];
  const state: { handler: AnswerHandler } = { handler: () => NULL_ANSWER };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, message: string, type = 'invalid_request_error') =>
    send(res, status, { error: { message, type, param: null, code: null } });

  async function answer(res: ServerResponse, scripted: ScriptedAnswer, model: string): Promise<void> {
    if ('delayMs' in scripted) {
      await new Promise((r) => setTimeout(r, scripted.delayMs));
      return answer(res, scripted.answer, model);
    }
    if ('status' in scripted)
      return error(res, scripted.status, scripted.message ?? 'scripted failure', 'server_error');
    const content = 'rawContent' in scripted ? scripted.rawContent : JSON.stringify(scripted.content);
    const usage = scripted.usage ?? { prompt_tokens: 0, completion_tokens: 0 };
    send(res, 200, {
      id: `chatcmpl-test-${requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0]!;
    if (path !== '/v1/chat/completions') return error(res, 404, `Unknown path ${path}`);
    if (req.method !== 'POST') return error(res, 405, 'Method not allowed');
    let body: {
      model?: unknown;
      messages?: Array<{ role?: string; content?: unknown }>;
      response_format?: {
        type?: unknown;
        json_schema?: {
          name?: unknown;
          strict?: unknown;
          schema?: { type?: unknown; additionalProperties?: unknown };
        };
      };
    };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return error(res, 400, 'Body is not JSON');
    }
    const text = (role: string) =>
      (body.messages ?? [])
        .filter((m) => m.role === role && typeof m.content === 'string')
        .map((m) => m.content as string)
        .join('\n');
    const recorded: RecordedRequest = {
      method: req.method,
      path,
      authorization: req.headers.authorization,
      body,
      system: text('system'),
      user: text('user'),
      documentText: documentTextOf(text('user')),
    };
    requests.push(recorded);
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return error(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
    }
    if (typeof body.model !== 'string' || (opts.model && body.model !== opts.model)) {
      return error(res, 404, `The model ${String(body.model)} does not exist`);
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0)
      return error(res, 400, 'messages is required');
    const format = body.response_format;
    if (
      format?.type !== 'json_schema' ||
      format.json_schema?.strict !== true ||
      typeof format.json_schema?.name !== 'string' ||
      format.json_schema?.schema?.type !== 'object' ||
      format.json_schema.schema.additionalProperties !== false
    ) {
      return error(res, 400, 'response_format must be a strict json_schema');
    }
    const scripted = queue.shift() ?? (await state.handler(recorded));
    await answer(res, scripted, body.model);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => error(res, 500, String(err), 'server_error'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    host: `127.0.0.1:${port}`,
    requests,
    enqueue: (...answers) => queue.push(...answers),
    get handler() {
      return state.handler;
    },
    set handler(h: AnswerHandler) {
      state.handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
