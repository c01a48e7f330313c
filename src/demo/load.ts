import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM_ACTOR } from '../domain/accounts/actor.js';
import type { Services } from '../services/index.js';
import { DEMO_ACCOUNTS, DEMO_UNITS, demoUnitEmail } from './units.js';
import { loadReceptionDemo } from './reception.js';
import { loadDisclosureDemo } from './disclosures.js';
import { loadReportingHistory } from './reporting.js';

export interface DemoSummary {
  unitsCreated: number;
  unitsUpdated: number;
  planId: number | null;
  accounts: Array<{ username: string; role: string; unit: string | null }>;
  /** Reporting rounds of the demo history written by this run (0 when present already or switched off). */
  historyRounds: number;
}

export interface DemoOptions {
  /**
   * The reporting history of the seed plan (src/demo/reporting.ts: accepted, submitted, draft and returned
   * reports of Quý II–III/2025). Default on; written only when the services' clock is past it (tests set
   * in 2021 get none). `false` leaves the plan without any report.
   */
  history?: boolean;
}

/**
 * (Re)creates the demo data through the services, so it passes the same rules and lands in the
 * audit log like any other write. Running it twice leaves one copy of everything.
 */
export async function loadDemo(services: Services, password: string, options: DemoOptions = {}): Promise<DemoSummary> {
  const actor = SYSTEM_ACTOR;
  const idByCode = new Map<string, number>();
  let unitsCreated = 0;
  let unitsUpdated = 0;
  const existing = new Map((await services.units.list(actor)).map((u) => [u.code, u]));

  for (const d of DEMO_UNITS) {
    const parentId = d.parent === null ? null : idByCode.get(d.parent)!;
    const wanted = { name: d.name, kind: d.kind, parentId, shortName: d.shortName ?? null, aliases: d.aliases ?? [], email: demoUnitEmail(d) };
    const found = existing.get(d.code);
    if (!found) {
      const unit = await services.units.create(actor, { ...wanted, code: d.code });
      idByCode.set(d.code, unit.id);
      unitsCreated++;
      continue;
    }
    idByCode.set(d.code, found.id);
    const same =
      found.name === wanted.name &&
      found.kind === wanted.kind &&
      found.parentId === wanted.parentId &&
      found.shortName === wanted.shortName &&
      JSON.stringify(found.aliases) === JSON.stringify(wanted.aliases) &&
      found.email === wanted.email;
    if (!same) {
      await services.units.update(actor, found.id, wanted);
      unitsUpdated++;
    }
  }

  const users = new Map((await services.accounts.list(actor)).map((u) => [u.username, u]));
  for (const a of DEMO_ACCOUNTS) {
    const unitId = a.unit === null ? null : idByCode.get(a.unit)!;
    const found = users.get(a.username);
    if (!found) {
      await services.accounts.create(actor, { username: a.username, displayName: a.displayName, role: a.role, unitId, password, email: a.email }, { skipPasswordPolicy: true });
    } else {
      if (found.role !== a.role || found.unitId !== unitId || !found.active || found.displayName !== a.displayName || found.email !== a.email) {
        await services.accounts.update(actor, found.id, { role: a.role, unitId, active: true, displayName: a.displayName, email: a.email });
      }
      await services.accounts.resetPassword(actor, found.id, password, { skipPasswordPolicy: true });
    }
  }

  const planId = await importSeedPlan(services);
  await loadReceptionDemo(services);
  await loadDisclosureDemo(services);
  const historyRounds = options.history === false ? 0 : await loadReportingHistory(services, planId);

  return {
    unitsCreated,
    unitsUpdated,
    planId,
    historyRounds,
    accounts: DEMO_ACCOUNTS.map((a) => ({ username: a.username, role: a.role, unit: a.unit })),
  };
}

export async function hasAnyAccount(services: Services): Promise<boolean> {
  return (await services.accounts.list(SYSTEM_ACTOR)).length > 0;
}

export const SEED_PLAN_PATH = fileURLToPath(new URL('../../src/demo/seed/ke-hoach-papi-dong-hoa-2021.txt', import.meta.url));

/** The seed plan (Đông Hòa, PAPI 2021 and 2021-2025), imported once: the same file is recognised by its hash. */
async function importSeedPlan(services: Services): Promise<number | null> {
  const bytes = new Uint8Array(await readFile(SEED_PLAN_PATH));
  const file = { bytes, name: basename(SEED_PLAN_PATH) };
  const preview = await services.plans.preview(SYSTEM_ACTOR, file);
  if (preview.duplicateOf) return preview.duplicateOf.planId;
  const { plan } = await services.plans.import(SYSTEM_ACTOR, file);
  return plan.id;
}
