import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from './html.js';
import { html } from './html.js';
import { notFoundPage, renderPage } from './layout.js';

/** Default freshness of a public page: short, so a newly accepted report shows within a minute. */
export const DEFAULT_MAX_AGE = 60;

export interface SendOptions {
  /** Seconds a shared cache may reuse the response (Cache-Control: public, max-age). */
  maxAge?: number;
  status?: number;
}

export interface SendFileOptions extends SendOptions {
  contentType: string;
  /** Offered as an attachment under this name when given. */
  filename?: string;
}

/** A strong validator: the hash of the exact bytes sent. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function send(request: FastifyRequest, reply: FastifyReply, body: string | Buffer, contentType: string, options: SendOptions & { filename?: string }) {
  const etag = etagOf(body);
  const status = options.status ?? 200;
  reply.header('ETag', etag);
  reply.header('Cache-Control', `public, max-age=${options.maxAge ?? DEFAULT_MAX_AGE}`);
  reply.header('Vary', 'Accept-Encoding');
  if (status === 200 && matches(request.headers['if-none-match'], etag)) {
    return reply.status(304).send();
  }
  reply.type(contentType);
  if (options.filename) {
    const ascii = options.filename.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'tep';
    reply.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(options.filename)}`);
  }
  return reply.status(status).send(body);
}

/** Sends a rendered page with ETag and Cache-Control; 304 when the reader's copy is current. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: string | SafeHtml, options: SendOptions = {}) {
  return send(request, reply, typeof page === 'string' ? page : page.value, 'text/html; charset=utf-8', options);
}

/** The same for a download or a feed (CSV, XLSX, JSON, ICS, Atom, XML). */
export function sendFile(request: FastifyRequest, reply: FastifyReply, body: string | Buffer, options: SendFileOptions) {
  return send(request, reply, body, options.contentType, options);
}

/** The Vietnamese 404 page, status 404 (unknown id or code inside a known path). */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply, message?: string) {
  const page = notFoundPage({ path: request.url.split('?')[0] ?? '/', ...(message ? { message } : {}) });
  return send(request, reply, page, 'text/html; charset=utf-8', { status: 404, maxAge: 30 });
}

/** A Vietnamese 400 page for input no page can take (a NUL character in the address), status 400. */
export function sendBadRequest(request: FastifyRequest, reply: FastifyReply, message: string) {
  const page = renderPage({
    title: 'Yêu cầu không hợp lệ',
    current: '',
    body: html`<h1>Yêu cầu không hợp lệ</h1><p>${message}</p><ul><li><a href="/">Về trang chủ</a></li><li><a href="/tim-kiem">Tìm kiếm</a></li></ul>`,
  });
  return send(request, reply, page, 'text/html; charset=utf-8', { status: 400, maxAge: 0 });
}
