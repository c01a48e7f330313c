/**
 * The one HTTP client of the staff app: same-origin JSON calls to /api/v1, the CSRF token on every
 * write, and the server's `{"error":{"code","message"}}` turned into an ApiError whose message is
 * the server's Vietnamese sentence.
 */

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Messages the client produces itself (no server answer); set from the catalogue by the i18n layer. */
export const clientMessages = {
  network: 'Không kết nối được với máy chủ. Hãy kiểm tra mạng rồi thử lại.',
  unexpected: 'Máy chủ trả lời không đúng định dạng (mã {status}).',
};

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request that needed a session gets 401 (the session has ended). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function request<T>(method: string, path: string, options: { body?: unknown; query?: Query; quiet401?: boolean; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  // FormData (file uploads) sets its own multipart Content-Type with the boundary.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(clientMessages.network, 0, 'network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw new ApiError(
      error?.message ?? clientMessages.unexpected.replace('{status}', String(response.status)),
      response.status,
      error?.code ?? 'unknown',
    );
  }
  return data as T;
}

export const http = {
  get: <T>(path: string, query?: Query, opts?: { quiet401?: boolean }) => request<T>('GET', path, { query, ...opts }),
  post: <T>(path: string, body?: unknown, opts?: { quiet401?: boolean }) => request<T>('POST', path, { body, ...opts }),
  /** multipart/form-data (a file and text fields); the CSRF token goes in the header as for JSON. */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  /** A write guarded by a version: `If-Match: "<version>"` (a stale one gets 409). */
  putIfMatch: <T>(path: string, body: unknown, version: number) => request<T>('PUT', path, { body, headers: { 'If-Match': `"${version}"` } }),
  postIfMatch: <T>(path: string, body: unknown, version: number) => request<T>('POST', path, { body, headers: { 'If-Match': `"${version}"` } }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
