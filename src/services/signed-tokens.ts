import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one way a link that works without sign-in is signed and checked: `base64url(payload)` + `.` +
 * `base64url(HMAC-SHA256(secret, that first part))`. Rating links use it; any new signed link should.
 */

const sign = (encodedPayload: string, secret: string) => createHmac('sha256', secret).update(encodedPayload).digest();

/**
 * The bytes of `text` when it is their one canonical unpadded base64url spelling; null otherwise.
 * Node's decoder skips characters outside the alphabet, ignores padding and the spare low bits of
 * the last character, so several spellings decode alike: re-encoding and comparing keeps exactly one.
 */
export function decodeCanonicalBase64url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

export function signToken(payload: string, secret: string): string {
  const encoded = Buffer.from(payload, 'utf8').toString('base64url');
  return `${encoded}.${sign(encoded, secret).toString('base64url')}`;
}

/** The payload of a token signed with `secret`, in its one canonical spelling; null for anything else. */
export function verifyToken(token: string, secret: string): string | null {
  const [encoded, signature, ...rest] = token.split('.');
  if (!encoded || !signature || rest.length > 0) return null;
  const given = decodeCanonicalBase64url(signature);
  const payload = decodeCanonicalBase64url(encoded);
  if (!given || !payload) return null;
  const expected = sign(encoded, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return payload.toString('utf8');
}
