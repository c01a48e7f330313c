/**
 * Errors the rules raise. Each carries a stable machine code and a Vietnamese message meant for
 * the person in front of the screen; the server maps the kind to an HTTP status, the CLI to an exit code.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_many_requests';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationError = (code: string, message: string, details?: unknown) =>
  new DomainError('validation', code, message, details);
export const notFound = (message: string) => new DomainError('not_found', 'not_found', message);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') =>
  new DomainError('forbidden', 'forbidden', message);
export const unauthenticated = (message = 'Bạn cần đăng nhập để tiếp tục.') =>
  new DomainError('unauthenticated', 'unauthenticated', message);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const unprocessable = (code: string, message: string) => new DomainError('unprocessable', code, message);
