import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT, lockedUntil } from '../../src/domain/accounts/lockout.js';
import { checkNewPassword, normaliseUsername } from '../../src/domain/accounts/password-policy.js';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 8, min)).toISOString();

describe('sign-in lockout', () => {
  it('locks after five failures within fifteen minutes, for fifteen minutes after the last', () => {
    const failures = [at(10), at(8), at(6), at(4), at(2)];
    const now = new Date(at(11));
    expect(lockedUntil(failures, now, DEFAULT_LOCKOUT)?.toISOString()).toBe(at(25));
    expect(lockedUntil(failures, new Date(at(26)), DEFAULT_LOCKOUT)).toBeNull();
    expect(lockedUntil(failures.slice(0, 4), now, DEFAULT_LOCKOUT)).toBeNull();
  });

  it('does not lock for five failures spread over more than the window', () => {
    expect(lockedUntil([at(40), at(30), at(20), at(10), at(0)], new Date(at(41)), DEFAULT_LOCKOUT)).toBeNull();
  });
});

describe('password and username rules', () => {
  it('asks for 8 characters and no username inside', () => {
    expect(() => checkNewPassword('short', 'noivu')).toThrow(/ít nhất 8/);
    expect(() => checkNewPassword('noivu12345', 'noivu')).toThrow(/tên đăng nhập/);
    expect(() => checkNewPassword('mot hai ba bon', 'noivu')).not.toThrow();
  });

  it('accepts latin usernames only, lower-cased', () => {
    expect(normaliseUsername(' NoiVu ')).toBe('noivu');
    expect(() => normaliseUsername('nội vụ')).toThrow(/không dấu/);
  });
});
