import { scopeFor, type Actor } from '../domain/accounts/actor.js';
import { DEFAULT_LOCKOUT, lockedUntil, windowStart, type LockoutPolicy } from '../domain/accounts/lockout.js';
import { DomainError, unauthenticated } from '../domain/errors.js';
import { UnitTree } from '../domain/units/tree.js';
import type { Store } from '../db/repositories/index.js';
import type { User } from '../db/repositories/users.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import type { PasswordHasher } from './passwords.js';
import { newSecret, sha256 } from './tokens.js';

export interface SessionConfig {
  /** A session ends after this long without a request. */
  idleMinutes: number;
}

export interface LoginResult {
  user: User;
  /** The cookie value; the database keeps only its hash. */
  sessionToken: string;
  csrfToken: string;
}

export interface Authenticated {
  actor: Actor;
  user: User;
  /** Set for cookie sessions (CSRF applies); absent for API tokens. */
  session?: { id: string; csrfToken: string };
}

const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';

export class AuthService {
  /** Verified against when the username does not exist, so timing does not reveal which usernames do. */
  private dummyHash: Promise<string> | undefined;
  /**
   * The unit tree and the scopes computed from it, kept while the units table's revision stays the same
   * (one small aggregate query per request instead of reading every unit and building the tree).
   */
  private units: { revision: string; tree: UnitTree; scopes: Map<string, ReadonlySet<number> | null> } | undefined;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
    private readonly session: SessionConfig = { idleMinutes: 12 * 60 },
    private readonly lockout: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  async login(usernameInput: string, password: string, ip: string, userAgent: string | null): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    const now = this.clock.now();
    const since = windowStart(now, this.lockout);
    const repos = this.store.read;

    if ((await repos.loginAttempts.failuresFromIp(ip, since)) >= this.lockout.maxFailuresPerIp) {
      throw new DomainError('too_many_requests', 'too_many_attempts', 'Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau ít phút.');
    }
    const until = lockedUntil(await repos.loginAttempts.recentFailuresForUser(username, since), now, this.lockout);
    if (until) {
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
      throw new DomainError(
        'too_many_requests',
        'account_locked',
        `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
      );
    }

    const found = await repos.users.getCredentials(username);
    const ok = found
      ? await this.passwords.verify(found.passwordHash, password)
      : (await this.passwords.verify(await this.dummy(), password), false);
    if (!found || !ok || !found.user.active) {
      await repos.loginAttempts.record(username, ip, now.toISOString(), false);
      if (found && ok && !found.user.active) throw unauthenticated('Tài khoản đã bị khóa. Liên hệ quản trị hệ thống.');
      throw unauthenticated(WRONG_CREDENTIALS);
    }

    const sessionToken = newSecret();
    const csrfToken = newSecret();
    const at = now.toISOString();
    // Built before the transaction: on SQLite a read outside the transaction would wait for it forever.
    const actor = await this.actorFor(found.user);
    await this.store.transaction(async (tx) => {
      await tx.loginAttempts.record(username, ip, at, true);
      await tx.sessions.insert({
        id: sha256(sessionToken),
        userId: found.user.id,
        csrfToken,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: this.expiry(now),
        ip,
        userAgent: userAgent?.slice(0, 300) ?? null,
      });
      await this.audit.record(tx, actor, { action: 'auth.login', entity: 'user', entityId: found.user.id, after: { ip } });
    });
    return { user: found.user, sessionToken, csrfToken };
  }

  async logout(auth: Authenticated): Promise<void> {
    if (!auth.session) return;
    const sessionId = auth.session.id;
    await this.store.transaction(async (tx) => {
      await tx.sessions.delete(sessionId);
      await this.audit.record(tx, auth.actor, { action: 'auth.logout', entity: 'user', entityId: auth.user.id });
    });
  }

  /** The signed-in user behind a session cookie, or undefined when it is unknown or expired. */
  async fromSession(sessionToken: string): Promise<Authenticated | undefined> {
    const id = sha256(sessionToken);
    // One query: the session, its user and the units' revision.
    const found = await this.store.read.sessions.authenticate(id);
    const now = this.clock.now();
    if (!found || found.session.expiresAt <= now.toISOString()) return undefined;
    const { session, user } = found;
    if (!user.active) return undefined;
    // Slide the expiry, but write at most once a minute per session.
    if (now.getTime() - new Date(session.lastSeenAt).getTime() > 60_000) {
      await this.store.read.sessions.touch(id, now.toISOString(), this.expiry(now));
    }
    return { actor: await this.actorFor(user, found.unitsRevision), user, session: { id, csrfToken: session.csrfToken } };
  }

  /** The owner of a personal API token (`Authorization: Bearer …`). */
  async fromApiToken(token: string): Promise<Authenticated | undefined> {
    // One query: the token, its owner and the units' revision.
    const found = await this.store.read.apiTokens.authenticate(sha256(token));
    const now = this.clock.now().toISOString();
    if (!found) return undefined;
    const { token: row, user } = found;
    if (row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
    if (!user.active) return undefined;
    // `last_used_at` is written at most once a minute per token.
    if (!row.lastUsedAt || row.lastUsedAt.slice(0, 16) !== now.slice(0, 16)) await this.store.read.apiTokens.markUsed(row.id, now);
    return { actor: await this.actorFor(user, found.unitsRevision), user };
  }

  /** Drops expired sessions and sign-in attempts too old to matter for the lockout. */
  async housekeeping(): Promise<void> {
    const now = this.clock.now();
    await this.store.read.sessions.deleteExpired(now.toISOString());
    await this.store.read.loginAttempts.deleteBefore(new Date(now.getTime() - 24 * 3600_000).toISOString());
  }

  /** `unitsRevision`: the units table's revision when the caller read it already (authentication does). */
  async actorFor(user: User, unitsRevision?: string): Promise<Actor> {
    return {
      kind: 'user',
      id: user.id,
      username: user.username,
      role: user.role,
      unitId: user.unitId,
      scope: user.role === 'admin' ? null : await this.scopeOf(user, unitsRevision),
    };
  }

  private async scopeOf(user: User, known?: string): Promise<ReadonlySet<number> | null> {
    const revision = known ?? (await this.store.read.units.revision());
    if (this.units?.revision !== revision) {
      this.units = { revision, tree: new UnitTree(await this.store.read.units.nodes()), scopes: new Map() };
    }
    const { tree, scopes } = this.units;
    const key = `${user.role}:${user.unitId}`;
    if (!scopes.has(key)) scopes.set(key, scopeFor(user.role, user.unitId, tree));
    return scopes.get(key)!;
  }

  private expiry(now: Date): string {
    return new Date(now.getTime() + this.session.idleMinutes * 60_000).toISOString();
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.passwords.hash(newSecret());
    return this.dummyHash;
  }
}
