import type { Actor } from '../domain/accounts/actor.js';
import { checkNewPassword, normaliseUsername } from '../domain/accounts/password-policy.js';
import type { Role } from '../domain/accounts/roles.js';
import { conflict, notFound, validationError } from '../domain/errors.js';
import { checkEmail } from '../domain/reminders/index.js';
import { authorize, can } from '../domain/policies/index.js';
import { cleanText, searchKey } from '../domain/text/normalize.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { User } from '../db/repositories/users.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import type { PasswordHasher } from './passwords.js';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  password: string;
  /** Where reminders go (optional). */
  email?: string | null;
}

export interface AccountChanges {
  displayName?: string;
  role?: Role;
  unitId?: number | null;
  active?: boolean;
  email?: string | null;
}

export interface AccountOptions {
  /** The demo sets short, well-known passwords on purpose; nothing else may skip the policy. */
  skipPasswordPolicy?: boolean;
}

const userSearchText = (username: string, displayName: string) => ` ${searchKey(username)} ${searchKey(displayName)} `;

export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, q?: string): Promise<User[]> {
    authorize(actor, 'list', 'User', { id: null, unitId: null });
    const words = q ? searchKey(q).split(' ').filter(Boolean) : [];
    const users = await this.store.read.users.list(words);
    return users.filter((u) => can(actor, 'read', 'User', u));
  }

  async get(actor: Actor, id: number): Promise<User> {
    const user = await this.store.read.users.get(id);
    if (!user) throw notFound(`Không tìm thấy tài khoản có mã số ${id}.`);
    authorize(actor, 'read', 'User', user);
    return user;
  }

  async create(actor: Actor, input: NewAccount, options: AccountOptions = {}): Promise<User> {
    authorize(actor, 'create', 'User', { id: null, unitId: input.unitId, role: input.role });
    const username = normaliseUsername(input.username);
    if (!options.skipPasswordPolicy) checkNewPassword(input.password, username);
    const email = checkEmail(input.email);
    const passwordHash = await this.passwords.hash(input.password);
    return this.store.transaction(async (repos) => {
      if (await repos.users.getCredentials(username)) {
        throw conflict('duplicate_username', `Tên đăng nhập «${username}» đã có người dùng.`);
      }
      await this.checkUnit(repos, input.role, input.unitId);
      const displayName = cleanText(input.displayName);
      const now = this.clock.now().toISOString();
      const user = await repos.users.insert({
        username,
        displayName,
        passwordHash,
        role: input.role,
        unitId: input.unitId,
        active: 1,
        email,
        searchText: userSearchText(username, displayName),
        passwordChangedAt: now,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(repos, actor, { action: 'user.create', entity: 'user', entityId: user.id, after: user });
      return user;
    });
  }

  async update(actor: Actor, id: number, changes: AccountChanges, expectedVersion?: number): Promise<User> {
    return this.store.transaction(async (repos) => {
      const before = await repos.users.get(id);
      if (!before) throw notFound(`Không tìm thấy tài khoản có mã số ${id}.`);
      authorize(actor, 'update', 'User', before);
      if (expectedVersion !== undefined && expectedVersion !== before.version) throw staleUser(before);
      if (actor.id === id && (changes.active === false || (changes.role && changes.role !== before.role))) {
        throw validationError('self_lockout', 'Không thể tự khóa hoặc tự đổi vai trò của tài khoản đang dùng.');
      }
      const role = changes.role ?? before.role;
      const unitId = changes.unitId === undefined ? before.unitId : changes.unitId;
      await this.checkUnit(repos, role, unitId);
      const displayName = changes.displayName === undefined ? before.displayName : cleanText(changes.displayName);
      const after = await repos.users.update(
        id,
        before.version,
        {
          displayName,
          role,
          unitId,
          ...(changes.active === undefined ? {} : { active: changes.active }),
          ...(changes.email === undefined ? {} : { email: checkEmail(changes.email) }),
          searchText: userSearchText(before.username, displayName),
        },
        this.clock.now().toISOString(),
      );
      if (!after) throw staleUser(before);
      if (changes.active === false) await repos.sessions.deleteForUser(id);
      await this.audit.record(repos, actor, { action: 'user.update', entity: 'user', entityId: id, before, after });
      return after;
    });
  }

  /** An administrator sets a new password; every session of that account ends. */
  async resetPassword(actor: Actor, id: number, password: string, options: AccountOptions = {}): Promise<void> {
    const target = await this.store.read.users.get(id);
    if (!target) throw notFound(`Không tìm thấy tài khoản có mã số ${id}.`);
    authorize(actor, 'resetPassword', 'User', target);
    if (!options.skipPasswordPolicy) checkNewPassword(password, target.username);
    const hash = await this.passwords.hash(password);
    await this.store.transaction(async (repos) => {
      await repos.users.setPasswordHash(id, hash, this.clock.now().toISOString());
      await repos.sessions.deleteForUser(id);
      await this.audit.record(repos, actor, { action: 'user.reset_password', entity: 'user', entityId: id });
    });
  }

  /** The user changes their own password; other sessions end, the current one stays. */
  async changeOwnPassword(actor: Actor, current: string, next: string, keepSessionId?: string): Promise<void> {
    const me = actor.id === null ? undefined : await this.store.read.users.get(actor.id);
    if (!me) throw notFound('Không tìm thấy tài khoản.');
    authorize(actor, 'changePassword', 'User', me);
    const stored = await this.store.read.users.getPasswordHash(me.id);
    if (!stored || !(await this.passwords.verify(stored, current))) {
      throw validationError('wrong_password', 'Mật khẩu hiện tại không đúng.');
    }
    checkNewPassword(next, me.username);
    if (current === next) throw validationError('same_password', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
    const hash = await this.passwords.hash(next);
    await this.store.transaction(async (repos) => {
      await repos.users.setPasswordHash(me.id, hash, this.clock.now().toISOString());
      await repos.sessions.deleteForUser(me.id, keepSessionId);
      await this.audit.record(repos, actor, { action: 'user.change_password', entity: 'user', entityId: me.id });
    });
  }

  private async checkUnit(repos: Repositories, role: Role, unitId: number | null): Promise<void> {
    if (unitId === null) {
      if (role !== 'admin') throw validationError('unit_required', 'Tài khoản (trừ quản trị hệ thống) phải thuộc một đơn vị.');
      return;
    }
    if (!(await repos.units.get(unitId))) throw validationError('unknown_unit', `Không tìm thấy đơn vị có mã số ${unitId}.`);
  }
}

function staleUser(current: User) {
  return conflict('version_conflict', `Tài khoản «${current.username}» vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.`);
}
