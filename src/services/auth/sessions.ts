// Staff sessions live one use case per file (sign-in.ts, sign-out.ts, resolve-session.ts); http/auth.ts,
// the live-updates route and portal sessions import these names from here.
export { resolveSession } from './resolve-session.ts';
export { sha256 } from './sha256.ts';
export { toActor, toSessionUser, type SessionUser } from './views.ts';
