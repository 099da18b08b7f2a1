/**
 * Signed requests (docs/signed-requests.md): the wire format shared by the server that verifies
 * and any client that signs. Pure strings only (no crypto here: this package also runs in the
 * browser); the HMAC is computed by the caller with its platform's SHA-256.
 */
export const signatureHeaders = {
  timestamp: 'boveda-timestamp',
  nonce: 'boveda-nonce',
  signature: 'boveda-signature',
} as const;

/** A signature is accepted this many seconds either side of the server's clock. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** 16–64 URL-safe characters: a UUID without dashes, or 16+ random bytes in base64url. */
export const SIGNATURE_NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/** Stands in for the body hash of a multipart/form-data request (uploads are not hashed). */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * What is signed: `METHOD\nPATH_WITH_QUERY\nTIMESTAMP\nNONCE\nBODY_SHA256_HEX`, the method upper
 * case, the path and query exactly as sent on the request line.
 */
export function canonicalRequest(parts: {
  method: string;
  pathWithQuery: string;
  timestamp: string | number;
  nonce: string;
  bodySha256Hex: string;
}): string {
  return [
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    String(parts.timestamp),
    parts.nonce,
    parts.bodySha256Hex,
  ].join('\n');
}
