/**
 * The one way the web app talks to the API: JSON in and out, the session's CSRF token on every
 * change, and a typed ApiError for every answer that is not 2xx.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remembered from the session answer (sign-in or GET /api/session); sent with every change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request other than the session check answers 401 (the session ended). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * JSON in and out with a typed ApiError for every answer that is not 2xx. Shared by the staff app and
 * the customer portal, which differ only in which CSRF token they send and what a 401 means.
 */
export async function fetchJson<T>(
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; csrfToken?: string | null; onUnauthorized?: () => void } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && options.csrfToken) headers['x-csrf-token'] = options.csrfToken;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    if (response.status === 401) options.onUnauthorized?.();
    throw new ApiError(response.status, err?.code ?? `http_${response.status}`, err?.message ?? response.statusText, err?.field);
  }
  return data as T;
}

function request<T>(method: string, path: string, options: { body?: unknown; query?: Query; headers?: Record<string, string> } = {}): Promise<T> {
  const isSignIn = method === 'POST' && path === '/api/session';
  return fetchJson<T>(method, buildUrl(path, options.query), {
    body: options.body,
    headers: options.headers,
    csrfToken: isSignIn ? null : csrfToken,
    // A 401 from the session check just means "not signed in"; anywhere else the session ended.
    onUnauthorized: path === '/api/session' ? undefined : (onUnauthorized ?? undefined),
  });
}

/** A random UUID (v4) for an Idempotency-Key, also where crypto.randomUUID is missing (plain-HTTP pages that are not localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  /** `headers`: extra request headers, e.g. an Idempotency-Key that makes a retried POST safe. */
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body: body ?? {}, headers }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Follows nextCursor until the end (for trees: departments, categories), up to `maxPages` pages. */
export async function fetchAll<T>(path: string, query: Query = {}, maxPages = 50): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: { items: T[]; nextCursor: string | null } = await api.get(path, { ...query, limit: 500, cursor: cursor ?? undefined });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}
