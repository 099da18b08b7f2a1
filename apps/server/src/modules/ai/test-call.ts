import { type ChatEndpoint, chatCompletion, parseJsonContent } from '../../platform/llm/index.js';

// The answer is one short word; max_tokens keeps a test cheap on a paid API.
const MAX_TOKENS = 20;
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * "Probar conexión": one tiny Chat Completions call with the same strict `json_schema` shape the
 * inbox sends (so a server that refuses it fails the test, not the first invoice). Resolves to the
 * model's short answer and the `usage` it reported; throws the platform's LlmError (a code, no
 * URL, key or body) when there is no answer.
 */
export async function testChatCompletion(
  endpoint: ChatEndpoint,
): Promise<{ answer: string; inputTokens: number; outputTokens: number }> {
  const { content, usage } = await chatCompletion(endpoint, {
    messages: [
      { role: 'system', content: 'Responde con el objeto JSON {"respuesta": "OK"}.' },
      { role: 'user', content: 'Prueba de conexión de Bóveda.' },
    ],
    schema: {
      name: 'prueba_conexion',
      schema: {
        type: 'object',
        properties: { respuesta: { type: 'string' } },
        required: ['respuesta'],
        additionalProperties: false,
      },
    },
    maxTokens: MAX_TOKENS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
  });
  let answer = content.trim();
  try {
    const json = parseJsonContent(answer) as { respuesta?: unknown };
    if (typeof json.respuesta === 'string') answer = json.respuesta;
  } catch {
    // A model that ignores JSON mode still answered: its text is the answer shown.
  }
  return { answer: answer.slice(0, 200), ...usage };
}
