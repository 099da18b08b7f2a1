/**
 * Value-based scrubbing: finds things that look like secrets inside any string (messages, error
 * messages and stacks, URLs), wherever the key that holds them is named. Path-based redaction
 * (redact-paths.ts) cannot see a token pasted into an error message; this can.
 */
const R = '[redacted]';

const PATTERNS: [RegExp, string][] = [
  // PEM private keys (PKCS#1, PKCS#8, encrypted); an unterminated block is cut to the end.
  [
    /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    '[redacted private key]',
  ],
  // Base64 DER blobs (SAT .key files arrive like this). Certificates go too: logs need neither.
  [/\bMII[A-Za-z0-9+/]{60,}={0,2}/g, '[redacted der]'],
  // Our API keys and any other bov_<kind>_<token> credential.
  [/\bbov_[a-z]+_[A-Za-z0-9_-]{8,}/g, `bov_${R}`],
  // API keys' signing secrets (signed requests).
  [/\bbsk_[A-Za-z0-9_-]{16,}/g, `bsk_${R}`],
  // SAT web-service auth header.
  [/\bWRAP\s+access_token\s*=\s*(?:"[^"]*"?|[^\s,]+)/gi, `WRAP access_token="${R}"`],
  [/\b(bearer)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${R}`],
  // Rarer schemes need a long credential so prose like "Token expired" survives.
  [/\b(Basic|Token|Digest)\s+[A-Za-z0-9._~+/=-]{16,}/g, `$1 ${R}`],
  // JWTs (SAT tokens, OAuth access tokens).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, R],
  // Password in a URL: scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, `$1${R}@`],
  // Raw cookie headers: every cookie can be a session.
  [/\b((?:set-)?cookie)(\s*:\s*)[^\r\n]+/gi, `$1$2${R}`],
  // name=value / "name": "value" / name: value for secret-looking names (query strings, cookies, JSON text).
  [
    /\b([\w.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key|master[_-]?key|session)[\w-]*)(["']?\s*[=:]\s*["']?)(?!\[redacted)[^\s"'&,;]+/gi,
    `$1$2${R}`,
  ],
  // Personal data in a query string (`/api/v1/clients?email=…` looks a client up by email).
  [/([?&](?:email|phone|address)=)[^&#\s"]+/gi, `$1${R}`],
  // Exactly 32 bytes in base64: the shape of a master key or a data key.
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g, R],
];

export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
