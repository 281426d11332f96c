// API tokens live one use case per file; http/auth.ts and the live-updates route import the resolver from here.
export { resolveApiToken } from './resolve-api-token.ts';
