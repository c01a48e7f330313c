import { validationError } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

/** Length is what matters (NIST SP 800-63B); no composition rules that push people to sticky notes. */
export function checkNewPassword(password: string, username: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw validationError('weak_password', `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw validationError('weak_password', `Mật khẩu không được dài quá ${MAX_PASSWORD_LENGTH} ký tự.`);
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw validationError('weak_password', 'Mật khẩu không được chứa tên đăng nhập.');
  }
}

/** Usernames: lower-case latin letters, digits, dot, dash, underscore; 3–40 characters. */
export function normaliseUsername(input: string): string {
  const name = input.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,40}$/.test(name)) {
    throw validationError(
      'invalid_username',
      'Tên đăng nhập gồm 3–40 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.',
    );
  }
  return name;
}
