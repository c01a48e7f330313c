import type { Actor } from '../domain/accounts/actor.js';
import { conflict, notFound } from '../domain/errors.js';
import { checkEmail } from '../domain/reminders/index.js';
import { authorize } from '../domain/policies/index.js';
import { cleanText, compareVietnamese, searchKey } from '../domain/text/normalize.js';
import { vnDate } from '../domain/time.js';
import { UnitTree } from '../domain/units/tree.js';
import type { Unit, UnitKind } from '../domain/units/unit.js';
import {
  checkCode,
  checkParent,
  checkValidity,
  cleanAliases,
  planMerge,
  proposeCode,
  unitSearchText,
} from '../domain/units/rules.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';

export interface NewUnit {
  name: string;
  kind: UnitKind;
  parentId?: number | null;
  code?: string;
  shortName?: string | null;
  aliases?: string[];
  validFrom?: string | null;
  validTo?: string | null;
  /** The unit's official mailbox, for reminders (optional). */
  email?: string | null;
}

export type UnitChanges = Partial<Omit<NewUnit, 'code'>> & { code?: string };

export interface UnitQuery {
  q?: string;
  /** true: only units in force today. */
  active?: boolean;
}

export class UnitService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async tree(): Promise<UnitTree> {
    return new UnitTree(await this.store.read.units.nodes());
  }

  async list(actor: Actor, query: UnitQuery = {}): Promise<Unit[]> {
    authorize(actor, 'list', 'Unit', { id: null, parentId: null });
    const words = query.q ? searchKey(query.q).split(' ').filter(Boolean) : [];
    const units = await this.store.read.units.list({
      searchWords: words,
      ...(query.active ? { activeOn: vnDate(this.clock.now()) } : {}),
    });
    return units.sort((a, b) => compareVietnamese(a.name, b.name));
  }

  async get(actor: Actor, id: number): Promise<Unit> {
    const unit = await this.store.read.units.get(id);
    if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${id}.`);
    authorize(actor, 'read', 'Unit', unit);
    return unit;
  }

  async create(actor: Actor, input: NewUnit): Promise<Unit> {
    authorize(actor, 'create', 'Unit', { id: null, parentId: input.parentId ?? null });
    return this.store.transaction(async (repos) => {
      const tree = new UnitTree(await repos.units.nodes());
      const parentId = input.parentId ?? null;
      checkParent(tree, null, parentId);
      const validFrom = input.validFrom ?? null;
      const validTo = input.validTo ?? null;
      checkValidity(validFrom, validTo);
      const name = cleanText(input.name);
      const code = await this.codeFor(repos, name, parentId, input.code);
      const shortName = input.shortName ? cleanText(input.shortName) : null;
      const aliases = cleanAliases(input.aliases ?? []);
      const email = checkEmail(input.email);
      const now = this.clock.now().toISOString();
      const unit = await repos.units.insert({
        code,
        name,
        shortName,
        kind: input.kind,
        parentId,
        aliases: JSON.stringify(aliases),
        searchText: unitSearchText({ name, shortName, aliases, code }),
        validFrom,
        validTo,
        successorId: null,
        email,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(repos, actor, { action: 'unit.create', entity: 'unit', entityId: unit.id, after: unit });
      return unit;
    });
  }

  /** `expectedVersion`, when given, must match the stored version (409 otherwise). */
  async update(actor: Actor, id: number, changes: UnitChanges, expectedVersion?: number): Promise<Unit> {
    return this.store.transaction(async (repos) => {
      const before = await repos.units.get(id);
      if (!before) throw notFound(`Không tìm thấy đơn vị có mã số ${id}.`);
      authorize(actor, 'update', 'Unit', before);
      if (expectedVersion !== undefined && expectedVersion !== before.version) throw staleUnit(before);
      const tree = new UnitTree(await repos.units.nodes());
      const parentId = changes.parentId === undefined ? before.parentId : changes.parentId;
      checkParent(tree, id, parentId);
      const validFrom = changes.validFrom === undefined ? before.validFrom : changes.validFrom;
      const validTo = changes.validTo === undefined ? before.validTo : changes.validTo;
      checkValidity(validFrom, validTo);
      const name = changes.name === undefined ? before.name : cleanText(changes.name);
      const shortName = changes.shortName === undefined ? before.shortName : changes.shortName ? cleanText(changes.shortName) : null;
      const aliases = changes.aliases === undefined ? before.aliases : cleanAliases(changes.aliases);
      let code = before.code;
      if (changes.code !== undefined && checkCode(changes.code) !== before.code) {
        code = checkCode(changes.code);
        if (await repos.units.getByCode(code)) throw conflict('duplicate_code', `Mã đơn vị «${code}» đã được dùng.`);
      }
      const after = await repos.units.update(id, before.version, {
        name,
        shortName,
        aliases: JSON.stringify(aliases),
        code,
        kind: changes.kind ?? before.kind,
        parentId,
        validFrom,
        validTo,
        searchText: unitSearchText({ name, shortName, aliases, code }),
        ...(changes.email === undefined ? {} : { email: checkEmail(changes.email) }),
        updatedAt: this.clock.now().toISOString(),
      });
      if (!after) throw staleUnit(before);
      await this.audit.record(repos, actor, { action: 'unit.update', entity: 'unit', entityId: id, before, after });
      return after;
    });
  }

  /** Merges `id` into `intoId` from `date`: the old unit ends, names its successor, keeps its history. */
  async merge(actor: Actor, id: number, intoId: number, date: string): Promise<{ from: Unit; into: Unit }> {
    return this.store.transaction(async (repos) => {
      const from = await repos.units.get(id);
      if (!from) throw notFound(`Không tìm thấy đơn vị có mã số ${id}.`);
      authorize(actor, 'merge', 'Unit', from);
      const into = await repos.units.get(intoId);
      if (!into) throw notFound(`Không tìm thấy đơn vị nhận sáp nhập có mã số ${intoId}.`);
      const tree = new UnitTree(await repos.units.nodes());
      const { validTo } = planMerge(from, into, date, tree);
      const merged = await repos.units.update(id, from.version, {
        validTo,
        successorId: into.id,
        updatedAt: this.clock.now().toISOString(),
      });
      if (!merged) throw staleUnit(from);
      await this.audit.record(repos, actor, {
        action: 'unit.merge',
        entity: 'unit',
        entityId: id,
        before: from,
        after: { ...merged, mergedInto: { id: into.id, name: into.name, date } },
      });
      return { from: merged, into };
    });
  }

  private async codeFor(repos: Repositories, name: string, parentId: number | null, requested?: string): Promise<string> {
    if (requested !== undefined && requested.trim() !== '') {
      const code = checkCode(requested);
      if (await repos.units.getByCode(code)) throw conflict('duplicate_code', `Mã đơn vị «${code}» đã được dùng.`);
      return code;
    }
    const parent = parentId === null ? undefined : await repos.units.get(parentId);
    const taken = new Set(await repos.units.codesStartingWith(parent ? `${parent.code}.` : ''));
    return proposeCode(name, parent?.code ?? null, taken);
  }
}

function staleUnit(current: Unit) {
  return conflict(
    'version_conflict',
    `Đơn vị «${current.name}» vừa được người khác sửa (phiên bản ${current.version}). Hãy tải lại rồi sửa tiếp.`,
  );
}
