import type { Actor } from '../domain/accounts/actor.js';
import { notFound, validationError } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import { cleanText } from '../domain/text/normalize.js';
import type { Store } from '../db/repositories/index.js';
import type { ApiToken } from '../db/repositories/api-tokens.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { newSecret, sha256 } from './tokens.js';

export const TOKEN_PREFIX = 'ddk_';

/** Personal API tokens: shown once at creation, stored hashed, revocable. */
export class ApiTokenService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<ApiToken[]> {
    const userId = actor.id ?? -1;
    authorize(actor, 'list', 'ApiToken', { userId });
    return this.store.read.apiTokens.listForUser(userId);
  }

  async create(actor: Actor, nameInput: string, expiresAt: string | null = null): Promise<{ token: string; apiToken: ApiToken }> {
    const userId = actor.id ?? -1;
    authorize(actor, 'create', 'ApiToken', { userId });
    const name = cleanText(nameInput);
    if (!name) throw validationError('name_required', 'Hãy đặt tên cho mã truy cập (ví dụ: "Đồng bộ với cổng thông tin").');
    const now = this.clock.now().toISOString();
    if (expiresAt !== null && expiresAt <= now) throw validationError('invalid_expiry', 'Ngày hết hạn phải ở tương lai.');
    const token = newSecret(TOKEN_PREFIX);
    return this.store.transaction(async (repos) => {
      const apiToken = await repos.apiTokens.insert({
        userId,
        name,
        tokenHash: sha256(token),
        tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdAt: now,
        lastUsedAt: null,
        expiresAt,
        revokedAt: null,
      });
      await this.audit.record(repos, actor, { action: 'api_token.create', entity: 'api_token', entityId: apiToken.id, after: apiToken });
      return { token, apiToken };
    });
  }

  async revoke(actor: Actor, id: number): Promise<ApiToken> {
    return this.store.transaction(async (repos) => {
      const before = await repos.apiTokens.get(id);
      if (!before) throw notFound(`Không tìm thấy mã truy cập có mã số ${id}.`);
      authorize(actor, 'revoke', 'ApiToken', before);
      const after = (await repos.apiTokens.revoke(id, this.clock.now().toISOString())) ?? before;
      await this.audit.record(repos, actor, { action: 'api_token.revoke', entity: 'api_token', entityId: id, before, after });
      return after;
    });
  }
}
