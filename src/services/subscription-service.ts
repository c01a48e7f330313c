import { SYSTEM_ACTOR, type Actor } from '../domain/accounts/actor.js';
import { DomainError, notFound } from '../domain/errors.js';
import { planName } from '../domain/reminders/index.js';
import {
  CONFIRM_TTL_MS,
  FOLLOW_MAIL_KINDS,
  TOKEN_SLOTS,
  fillSlots,
  letterKey,
  slotsIn,
  subscriptionOfKey,
  type TokenPurpose,
  MAX_CONFIRMATIONS_PER_DAY,
  SETTLE_MS,
  TARGET_KIND_OF_FORM,
  changesAfter,
  digestKey,
  disclosurePublicSince,
  maskEmail,
  plausibleToken,
  subscriberEmail,
  type FollowChange,
  type ProgressChange,
  type TargetKind,
} from '../domain/subscriptions/index.js';
import { followFeed } from '../domain/subscriptions/atom.js';
import { alreadyFollowingLetter, confirmationLetter, digestLetter, type FollowTarget, type Letter } from '../domain/subscriptions/letters.js';
import type { Unit } from '../domain/units/unit.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { SubscriptionRow } from '../db/repositories/subscriptions.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import type { DisclosureService } from './disclosure-service.js';
import type { Mailer } from './mailer.js';
import { OutboxSender, outboxSendOptions, type OutboxSendOptions } from './outbox-sender.js';
import { newSecret, sha256 } from './tokens.js';

export interface FollowOptions extends OutboxSendOptions {
  /** Base URL of the portal for links in letters (PUBLIC_URL). */
  publicUrl: string;
}

export interface FollowPass {
  ran: boolean;
  /** Digest keys queued by this pass. */
  queued: string[];
  sent: Array<{ kind: string; subject: string }>;
  failed: Array<{ kind: string; subject: string; error: string }>;
  pending: number;
}

/** What a link's token leads to, for the page that shows the button (GET never changes anything). */
export interface TokenView {
  target: FollowTarget;
  /** pending: not confirmed yet; active: letters are sent; stopped: unsubscribed. */
  state: 'pending' | 'active' | 'stopped';
}

export const FOLLOW_LEASE = 'follow';

/** Citizens' actions have no account: the audit log names them so, with the address masked. */
const CITIZEN: Actor = { ...SYSTEM_ACTOR, username: 'cong-dan' };

const tooMany = () =>
  new DomainError(
    'too_many_requests',
    'too_many_confirmations',
    `Địa chỉ thư điện tử này đã được gửi ${MAX_CONFIRMATIONS_PER_DAY} thư xác nhận trong 24 giờ qua. Vui lòng kiểm tra hộp thư (kể cả mục thư rác) hoặc thử lại vào ngày mai.`,
  );

/**
 * Following a plan or a unit by e-mail (issue 5), double opt-in: subscribe queues a confirmation letter,
 * the letter's link shows a button that confirms; a pass (src/jobs/follow.ts) queues one digest per
 * subscription with the changes since its watermark and sends the citizens' letters from the outbox.
 * Changes are accepted reports and public disclosures only; the subscriber's address appears nowhere but
 * in its own letters. Letters wait in the outbox with token slots; the tokens are made when a letter is
 * sent, and only their SHA-256 is kept (every link ever sent keeps working: one unsubscribe token per letter).
 */
export class SubscriptionService {
  readonly options: FollowOptions;
  private readonly sender: OutboxSender;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly disclosures: DisclosureService,
    mailer: Mailer,
    options: Partial<FollowOptions> = {},
  ) {
    this.options = {
      publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
      ...outboxSendOptions(options),
    };
    this.sender = new OutboxSender(store, clock, mailer, FOLLOW_LEASE, this.options);
  }

  /** A plan (by id) or a unit (by id, not an external body) as the portal's form names it; null when none. */
  async target(formKind: unknown, rawId: unknown): Promise<FollowTarget | null> {
    const kind = typeof formKind === 'string' ? TARGET_KIND_OF_FORM[formKind] : undefined;
    const id = typeof rawId === 'string' && /^[1-9]\d{0,9}$/.test(rawId) ? Number(rawId) : typeof rawId === 'number' ? rawId : NaN;
    if (!kind || !Number.isSafeInteger(id) || id > 2_147_483_647) return null;
    return this.targetOf(this.store.read, kind, id);
  }

  private async targetOf(repos: Repositories, kind: TargetKind, id: number, units?: Map<number, Unit>): Promise<FollowTarget | null> {
    if (kind === 'plan') {
      const plan = await repos.plans.get(id);
      return plan ? { kind, id, name: planName(plan.title), path: `/ke-hoach/${id}` } : null;
    }
    const unit = units ? units.get(id) : await repos.units.get(id);
    return unit && unit.kind !== 'external' ? { kind, id, name: unit.name, path: `/don-vi/${encodeURIComponent(unit.code)}` } : null;
  }

  /**
   * A request to follow. The answer is the same whether the address was new, waiting or already following
   * (a stranger learns nothing): the mailbox itself gets either the confirmation link or a note that it
   * follows already. A filled honeypot field is answered the same, and nothing is done.
   */
  async subscribe(input: { email: unknown; kind: unknown; id: unknown; honeypot?: unknown }): Promise<{ target: FollowTarget }> {
    const email = subscriberEmail(input.email);
    const target = await this.target(input.kind, input.id);
    if (!target) throw notFound('Không tìm thấy kế hoạch hoặc đơn vị cần theo dõi. Có thể đường dẫn đã cũ.');
    if (typeof input.honeypot === 'string' && input.honeypot.trim() !== '') return { target };
    const now = this.clock.now();
    const at = now.toISOString();
    await this.store.transaction(async (repos) => {
      const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
      if ((await repos.subscriptions.lettersSince(email, ['follow_confirm', 'follow_already'], since)) >= MAX_CONFIRMATIONS_PER_DAY) throw tooMany();
      await repos.subscriptions.insert({ email, targetKind: target.kind, targetId: target.id, now: at });
      const sub = (await repos.subscriptions.find(email, target.kind, target.id))!;
      const active = sub.confirmedAt !== null && sub.unsubscribedAt === null;
      const links = { base: this.options.publicUrl, unsubscribeToken: TOKEN_SLOTS.unsubscribe, confirmToken: TOKEN_SLOTS.confirm };
      let letter: Letter;
      let kind: (typeof FOLLOW_MAIL_KINDS)[number];
      if (active) {
        letter = alreadyFollowingLetter(target, links);
        kind = 'follow_already';
      } else {
        await repos.subscriptions.touchRequested(sub.id, at);
        letter = confirmationLetter(target, links, new Date(now.getTime() + CONFIRM_TTL_MS).toISOString());
        kind = 'follow_confirm';
      }
      await repos.outbox.enqueue([
        { key: letterKey(kind === 'follow_confirm' ? 'confirm' : 'already', sub.id, at), kind, recipient: email, subject: letter.subject, body: letter.text, headers: JSON.stringify(letter.headers), createdAt: at },
      ]);
      await this.audit.record(repos, CITIZEN, {
        action: 'subscription.request',
        entity: 'subscription',
        entityId: sub.id,
        after: { email: maskEmail(email), target: `${target.kind}:${target.id}`, letter: kind },
      });
    });
    return { target };
  }

  private async newToken(repos: Repositories, subscriptionId: number, purpose: 'confirm' | 'unsubscribe', at: string, expiresAt: string | null): Promise<string> {
    const token = newSecret();
    await repos.subscriptions.addToken({ tokenHash: sha256(token), subscriptionId, purpose, createdAt: at, expiresAt });
    return token;
  }

  /** The subscription a link's token belongs to, if the token is live for that purpose. */
  private async byToken(repos: Repositories, token: unknown, purpose: 'confirm' | 'unsubscribe'): Promise<{ sub: SubscriptionRow; target: FollowTarget } | null> {
    if (!plausibleToken(token)) return null;
    const row = await repos.subscriptions.token(sha256(token));
    if (!row || row.purpose !== purpose) return null;
    if (row.expiresAt !== null && row.expiresAt < this.clock.now().toISOString()) return null;
    const sub = await repos.subscriptions.get(row.subscriptionId);
    if (!sub) return null;
    const target = await this.targetOf(repos, sub.targetKind, sub.targetId);
    return target ? { sub, target } : null;
  }

  private stateOf(sub: SubscriptionRow): TokenView['state'] {
    return sub.unsubscribedAt !== null ? 'stopped' : sub.confirmedAt !== null ? 'active' : 'pending';
  }

  /** What a confirmation link leads to; null for an unknown or expired link. Changes nothing. */
  async confirmView(token: unknown): Promise<TokenView | null> {
    const found = await this.byToken(this.store.read, token, 'confirm');
    return found && { target: found.target, state: this.stateOf(found.sub) };
  }

  /** Confirms; from now on each change is sent. null for an unknown or expired link. */
  async confirm(token: unknown): Promise<TokenView | null> {
    const at = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const found = await this.byToken(repos, token, 'confirm');
      if (!found) return null;
      if (await repos.subscriptions.confirm(found.sub.id, at)) {
        await this.audit.record(repos, CITIZEN, {
          action: 'subscription.confirm',
          entity: 'subscription',
          entityId: found.sub.id,
          after: { email: maskEmail(found.sub.email), target: `${found.target.kind}:${found.target.id}` },
        });
      }
      return { target: found.target, state: 'active' as const };
    });
  }

  /** What an unsubscribe link leads to; null for an unknown link. Changes nothing. */
  async unsubscribeView(token: unknown): Promise<TokenView | null> {
    const found = await this.byToken(this.store.read, token, 'unsubscribe');
    return found && { target: found.target, state: this.stateOf(found.sub) };
  }

  /** Stops every letter of the subscription. null for an unknown link. */
  async unsubscribe(token: unknown): Promise<TokenView | null> {
    const at = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const found = await this.byToken(repos, token, 'unsubscribe');
      if (!found) return null;
      if (await repos.subscriptions.unsubscribe(found.sub.id, at)) {
        await this.audit.record(repos, CITIZEN, {
          action: 'subscription.unsubscribe',
          entity: 'subscription',
          entityId: found.sub.id,
          after: { email: maskEmail(found.sub.email), target: `${found.target.kind}:${found.target.id}` },
        });
      }
      return { target: found.target, state: 'stopped' as const };
    });
  }

  /** Housekeeping: subscriptions unconfirmed for 7 days, or unsubscribed for 7 days, are deleted. */
  async purge(now: Date = this.clock.now()): Promise<number> {
    const before = new Date(now.getTime() - CONFIRM_TTL_MS).toISOString();
    return this.store.transaction(async (repos) => {
      const n = await repos.subscriptions.purgeStale(before);
      if (n > 0) await this.audit.record(repos, SYSTEM_ACTOR, { action: 'subscription.purge', entity: 'subscription', entityId: null, after: { deleted: n, before } });
      return n;
    });
  }

  /**
   * Changes of a target accepted or published after `after`: accepted reports (with their task lines) of
   * the plan, or of the unit together with the unit's disclosures on show today. Newest reports first are
   * read, at most `limit`; returned oldest first.
   */
  async changes(target: FollowTarget, after: string, limit = 50, units?: Map<number, Unit>): Promise<FollowChange[]> {
    const read = this.store.read;
    const unitById = units ?? new Map((await read.units.list()).map((u) => [u.id, u]));
    const reports = await read.subscriptions.acceptedReportsAfter(target.kind === 'plan' ? { planId: target.id } : { unitId: target.id }, after, limit);
    const lines = await read.subscriptions.acceptedLines(reports.map((r) => r.reportId));
    const titles = new Map<number, string>();
    for (const planId of new Set(reports.map((r) => r.planId))) titles.set(planId, (await read.plans.get(planId))?.title ?? '');
    const out: FollowChange[] = reports.map(
      (r): ProgressChange => ({
        kind: 'progress',
        at: r.acceptedAt,
        reportId: r.reportId,
        planId: r.planId,
        planTitle: titles.get(r.planId) ?? '',
        unitCode: unitById.get(r.unitId)?.code ?? '',
        unitName: unitById.get(r.unitId)?.name ?? '',
        roundLabel: r.roundLabel,
        lines: lines.filter((l) => l.reportId === r.reportId).map((l) => ({ entryId: l.entryId, taskId: l.taskId, taskNo: l.taskNo, status: l.status, progress: l.progress, results: l.results })),
      }),
    );
    if (target.kind === 'unit') {
      const { items } = await this.disclosures.publicList({ unitId: target.id, pageSize: limit });
      for (const d of items) {
        const at = disclosurePublicSince(d);
        if (at <= after) continue;
        out.push({ kind: 'disclosure', at, id: d.id, title: d.title, categoryLabel: d.categoryLabel, unitName: d.unitName, publishDate: d.publishDate, postingEnd: d.postingEnd, summary: d.summary });
      }
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  /** The Atom feed of a plan or a unit (accepted progress; for a unit also its disclosures); null when none. */
  async feed(kind: TargetKind, ref: { id?: number; code?: string }, base: string, selfPath: string): Promise<string | null> {
    const read = this.store.read;
    let id = ref.id;
    if (kind === 'unit' && ref.code !== undefined) id = (await read.units.getByCode(ref.code))?.id;
    const target = id === undefined ? null : await this.targetOf(read, kind, id);
    if (!target) return null;
    return followFeed(target, await this.changes(target, '', 20), base, selfPath);
  }

  /**
   * One pass: take the lease, queue one digest per subscription that has unheard changes (keyed by its
   * watermark, and the watermark moved in the same transaction only if nobody moved it: two instances never
   * queue two letters), then send the citizens' letters waiting in the outbox.
   */
  async runOnce(now: Date = this.clock.now()): Promise<FollowPass> {
    const pass: FollowPass = { ran: false, queued: [], sent: [], failed: [], pending: 0 };
    pass.ran = await this.sender.exclusive(async () => {
      await this.queueDigests(now, pass);
      await this.deliver(pass);
    });
    return pass;
  }

  private async queueDigests(now: Date, pass: FollowPass): Promise<void> {
    const read = this.store.read;
    const subs = await read.subscriptions.active();
    if (subs.length === 0) return;
    const until = new Date(now.getTime() - SETTLE_MS).toISOString();
    const units = new Map((await read.units.list()).map((u) => [u.id, u]));
    const groups = new Map<string, SubscriptionRow[]>();
    for (const s of subs) {
      const key = `${s.targetKind}:${s.targetId}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
    }
    const at = now.toISOString();
    for (const group of groups.values()) {
      const first = group[0]!;
      const target = await this.targetOf(read, first.targetKind, first.targetId, units);
      if (!target) continue;
      const oldest = group.reduce((min, s) => ((s.watermark ?? '') < min ? (s.watermark ?? '') : min), group[0]!.watermark ?? '');
      const changes = await this.changes(target, oldest, 200, units);
      for (const sub of group) {
        const watermark = sub.watermark ?? sub.confirmedAt!;
        const mine = changesAfter(changes, watermark, until);
        if (mine.length === 0) continue;
        const key = digestKey(sub.id, watermark);
        await this.store.transaction(async (repos) => {
          if (!(await repos.subscriptions.advance(sub.id, watermark, until, at))) return;
          const letter = digestLetter(target, mine, { base: this.options.publicUrl, unsubscribeToken: TOKEN_SLOTS.unsubscribe });
          pass.queued.push(
            ...(await repos.outbox.enqueue([{ key, kind: 'follow_digest', recipient: sub.email, subject: letter.subject, body: letter.text, headers: JSON.stringify(letter.headers), createdAt: at }])),
          );
        });
      }
    }
    if (pass.queued.length > 0) {
      await this.store.transaction((repos) =>
        this.audit.record(repos, SYSTEM_ACTOR, { action: 'subscription.digest', entity: 'outbox', entityId: null, after: { queued: pass.queued.length, until } }),
      );
    }
  }

  /**
   * A queued letter made ready to send: fresh tokens in its slots (only their hashes stored). null when it
   * must not go: its subscription is gone, or stopped (a confirmation letter still goes: asking again after
   * stopping is how one follows again).
   */
  private async fill(message: { key: string; kind: string; body: string; headers: string | null }): Promise<{ text: string; headers: Record<string, string> } | null> {
    const read = this.store.read;
    const id = subscriptionOfKey(message.key);
    const sub = id === null ? undefined : await read.subscriptions.get(id);
    if (!sub || (message.kind !== 'follow_confirm' && sub.unsubscribedAt !== null)) return null;
    const at = this.clock.now().toISOString();
    const tokens: Partial<Record<TokenPurpose, string>> = {};
    for (const purpose of slotsIn(message.body + (message.headers ?? ''))) {
      // The confirmation link lives as long as the request the letter answers (the date the letter states).
      const expiresAt = purpose === 'confirm' ? new Date(Date.parse(sub.requestedAt) + CONFIRM_TTL_MS).toISOString() : null;
      tokens[purpose] = await this.newToken(read, sub.id, purpose, at, expiresAt);
    }
    return {
      text: fillSlots(message.body, tokens),
      headers: message.headers ? (JSON.parse(fillSlots(message.headers, tokens)) as Record<string, string>) : {},
    };
  }

  private async deliver(pass: FollowPass): Promise<void> {
    const read = this.store.read;
    const delivery = await this.sender.deliver({
      due: (maxAttempts, limit) => read.subscriptions.dueLetters(FOLLOW_MAIL_KINDS, maxAttempts, limit),
      unconfiguredNote: (count) => `Chưa cấu hình SMTP_URL: ${count} thư gửi người theo dõi đang chờ trong hộp thư đi.`,
      // Unlike reminders, the tokens are made only now, when the letter goes.
      prepare: async (message) => {
        const filled = await this.fill(message);
        if (!filled) return { giveUp: 'Người nhận đã ngừng theo dõi hoặc đăng ký đã bị xóa: thư không gửi.' };
        return { to: message.recipient, subject: message.subject, text: filled.text, headers: filled.headers };
      },
    });
    pass.sent = delivery.sent.map((m) => ({ kind: m.kind, subject: m.subject }));
    pass.failed = delivery.failed.map(({ message: m, error }) => ({ kind: m.kind, subject: m.subject, error }));
    pass.pending = delivery.pending;
  }
}
