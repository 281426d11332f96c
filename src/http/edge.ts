import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * What happens to a request before any route sees it: the request id, and (below) the checks that
 * apply to every operation alike. Kept apart from app.ts so each rule is written once.
 */

/** A client-supplied request id is kept only as a short token of safe characters: it is written into the append-only audit trail. */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The client's X-Request-Id when it is a safe token, otherwise a fresh UUID. */
export function chooseRequestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}
