import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../db/repositories/index.js';
import type { OutboxRow } from '../db/repositories/outbox.js';
import type { Clock } from './clock.js';
import type { Mailer, MailMessage } from './mailer.js';

/** How a job that sends from the outbox shares the work with other instances and retries. */
export interface OutboxSendOptions {
  /** Who this instance is, in the lease table. */
  holder: string;
  /** How long a pass may hold the lease before another instance may take over. */
  leaseMs: number;
  /** Sending attempts before a message is given up as 'failed'. */
  maxAttempts: number;
  /** Messages sent per pass at most. */
  batchSize: number;
  log: (message: string) => void;
}

export function outboxSendOptions(options: Partial<OutboxSendOptions>): OutboxSendOptions {
  return {
    holder: options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    leaseMs: options.leaseMs ?? 5 * 60_000,
    maxAttempts: options.maxAttempts ?? 10,
    batchSize: options.batchSize ?? 200,
    log: options.log ?? ((m) => console.error(m)),
  };
}

/** What differs between the jobs that send: which rows are theirs and how a row becomes an e-mail. */
export interface OutboxMail {
  /** The rows this job sends that are still due, oldest first, at most `limit`. */
  due(maxAttempts: number, limit: number): Promise<OutboxRow[]>;
  /** The log line when SMTP is not configured and `count` rows wait. */
  unconfiguredNote(count: number): string;
  /** The e-mail for a row; `{ giveUp }` when the row must never be sent (failed for good, with the reason). */
  prepare(message: OutboxRow): Promise<MailMessage | { giveUp: string }>;
}

export interface OutboxDelivery {
  sent: OutboxRow[];
  failed: Array<{ message: OutboxRow; error: string }>;
  /** Rows still waiting after the pass. */
  pending: number;
}

/**
 * One job's passes under its own lease (one pass at a time in this process, one holder across instances)
 * and the sending of its due outbox rows with retries; the job itself says what to queue and what to send.
 */
export class OutboxSender {
  private running = false;
  private warnedUnconfigured = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly lease: string,
    readonly options: OutboxSendOptions,
  ) {}

  /**
   * Runs `pass` holding the lease; false (nothing run) when a pass of this process is running or another
   * instance holds the lease. The lease runs on the service clock (real time), whatever day a pass pretends it is.
   */
  async exclusive(pass: () => Promise<void>): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    try {
      if (!(await this.takeLease())) return false;
      try {
        await pass();
        return true;
      } finally {
        await this.store.read.leases.release(this.lease, this.options.holder);
      }
    } finally {
      this.running = false;
    }
  }

  private async takeLease(): Promise<boolean> {
    const at = this.clock.now();
    return this.store.read.leases.acquire(this.lease, this.options.holder, at.toISOString(), new Date(at.getTime() + this.options.leaseMs).toISOString());
  }

  /** Sends what is due; a failed attempt counts, and after maxAttempts the row is given up. */
  async deliver(mail: OutboxMail): Promise<OutboxDelivery> {
    const read = this.store.read;
    const { maxAttempts, batchSize } = this.options;
    const result: OutboxDelivery = { sent: [], failed: [], pending: 0 };
    const due = await mail.due(maxAttempts, batchSize);
    if (!this.mailer.configured) {
      if (due.length > 0 && !this.warnedUnconfigured) {
        this.warnedUnconfigured = true;
        this.options.log(mail.unconfiguredNote(due.length));
      }
      result.pending = due.length;
      return result;
    }
    for (const message of due) {
      // Keep the lease while sending; if it was lost (a very slow server), stop and let the holder go on.
      if (!(await this.takeLease())) break;
      const prepared = await mail.prepare(message);
      if ('giveUp' in prepared) {
        await read.subscriptions.giveUp(message.id, prepared.giveUp, maxAttempts);
        continue;
      }
      try {
        await this.mailer.send(prepared);
      } catch (err) {
        const error = (err as Error).message ?? String(err);
        await read.outbox.markFailed(message.id, error, maxAttempts);
        result.failed.push({ message, error });
        continue;
      }
      if (await read.outbox.markSent(message.id, this.clock.now().toISOString())) result.sent.push(message);
    }
    result.pending = (await mail.due(maxAttempts, 10_000)).length;
    return result;
  }
}
