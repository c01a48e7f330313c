import type { DossierPublicStatus, DossierStatus, ReceptionKind, ReceptionStatus } from '../../api/reception';
import type { Session, Unit } from '../../api/types';
import type { MessageKey } from '../../i18n/vi';
import { todayIso } from '../../i18n/dates';
import { hasEnded, subtreeIds } from '../units/unitTree';

export const SLOT_STATUS_LABEL: Record<ReceptionStatus, MessageKey> = {
  draft: 'reception.status.draft',
  published: 'reception.status.published',
  cancelled: 'reception.status.cancelled',
};
export const SLOT_STATUS_COLOR: Record<ReceptionStatus, string> = { draft: 'gray', published: 'green', cancelled: 'red' };

export const KIND_LABEL: Record<ReceptionKind, MessageKey> = { periodic: 'reception.kind.periodic', regular: 'reception.kind.regular' };

/** The stored statuses an officer may move a dossier to, in the order of its progress. */
export const DOSSIER_STATUS_ORDER: readonly DossierStatus[] = ['received', 'processing', 'supplement', 'resolved', 'returned'];

export const DOSSIER_STATUS_LABEL: Record<DossierPublicStatus, MessageKey> = {
  received: 'dossiers.status.received',
  processing: 'dossiers.status.processing',
  supplement: 'dossiers.status.supplement',
  resolved: 'dossiers.status.resolved',
  returned: 'dossiers.status.returned',
  overdue: 'dossiers.status.overdue',
};
export const DOSSIER_STATUS_COLOR: Record<DossierPublicStatus, string> = {
  received: 'blue',
  processing: 'indigo',
  supplement: 'yellow',
  resolved: 'teal',
  returned: 'green',
  overdue: 'red',
};

/**
 * The units a user may pick in these screens: a unit officer's own unit and those under it; everyone else
 * every unit still in operation (the server refuses a unit out of reach with a Vietnamese message anyway).
 */
export function unitsInReach(units: Unit[], session: Pick<Session, 'user'>): Unit[] {
  const today = todayIso();
  const active = units.filter((u) => !hasEnded(u, today));
  const own = session.user.unitId;
  if (session.user.role !== 'unit_officer' || own === null) return active;
  const reach = subtreeIds(units, own);
  return active.filter((u) => reach.has(u.id));
}

/** The unit to start with: the user's own unit when it is in the list, else none. */
export function defaultUnitId(units: Unit[], session: Pick<Session, 'user'>): number | null {
  const own = session.user.unitId;
  return own !== null && units.some((u) => u.id === own) ? own : null;
}
