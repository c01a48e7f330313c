import { forbidden } from '../errors.js';
import type { Actor } from '../accounts/actor.js';

/**
 * A tiny declarative permission engine in the style of Outline's server/policies:
 * rules are registered with `allow(Subject, action, condition)` and read like sentences.
 * Anything not allowed by some rule is denied.
 */
type Condition<R> = (actor: Actor, resource: R) => boolean;

interface Rule {
  subject: string;
  action: string;
  condition: Condition<never>;
}

export class PolicySet<Subjects extends Record<string, unknown>, Actions extends string> {
  private readonly rules: Rule[] = [];

  allow<S extends keyof Subjects & string>(
    subject: S,
    actions: Actions | readonly Actions[],
    condition: Condition<Subjects[S]>,
  ): void {
    const list = (Array.isArray(actions) ? actions : [actions]) as Actions[];
    for (const action of list) this.rules.push({ subject, action, condition: condition as Condition<never> });
  }

  can<S extends keyof Subjects & string>(actor: Actor, action: Actions, subject: S, resource: Subjects[S]): boolean {
    return this.rules.some(
      (r) => r.subject === subject && r.action === action && (r.condition as Condition<Subjects[S]>)(actor, resource),
    );
  }

  authorize<S extends keyof Subjects & string>(actor: Actor, action: Actions, subject: S, resource: Subjects[S]): void {
    if (!this.can(actor, action, subject, resource)) throw forbidden();
  }

  /** Every (subject, action) pair some rule speaks of: the matrix tests walk this. */
  declared(): Array<{ subject: string; action: string }> {
    const seen = new Map<string, { subject: string; action: string }>();
    for (const r of this.rules) seen.set(`${r.subject}:${r.action}`, { subject: r.subject, action: r.action });
    return [...seen.values()];
  }
}
