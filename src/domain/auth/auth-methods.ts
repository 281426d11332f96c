/** How a staff request proved who it is: the browser's session cookie, or an API token (Bearer). */
export const AUTH_METHODS = ['session', 'token'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
