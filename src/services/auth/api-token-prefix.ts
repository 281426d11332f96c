/** Every API token starts with this, so a leaked one is easy to spot (and to search for in code). */
export const API_TOKEN_PREFIX = 'ctk_';
