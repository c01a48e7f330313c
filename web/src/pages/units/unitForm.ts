import type { NewUnit, Unit, UnitChanges, UnitKind } from '../../api/types';
import { toIsoOrNull } from '../../components/DateField';
import { formatDate } from '../../i18n/dates';

/** What the unit form holds: dates as typed (dd/mm/yyyy), empty strings for empty fields. */
export interface UnitFormValues {
  name: string;
  kind: UnitKind | null;
  parentId: number | null;
  code: string;
  shortName: string;
  aliases: string[];
  validFrom: string;
  validTo: string;
}

export function formValues(unit: Unit | null, defaultParentId: number | null = null): UnitFormValues {
  return {
    name: unit?.name ?? '',
    kind: unit?.kind ?? null,
    parentId: unit ? unit.parentId : defaultParentId,
    code: unit?.code ?? '',
    shortName: unit?.shortName ?? '',
    aliases: unit?.aliases ?? [],
    validFrom: formatDate(unit?.validFrom),
    validTo: formatDate(unit?.validTo),
  };
}

/** The body of POST /units. */
export function toNewUnit(v: UnitFormValues): NewUnit {
  const body: NewUnit = {
    name: v.name.trim(),
    kind: v.kind!,
    parentId: v.parentId,
    aliases: v.aliases,
    validFrom: toIsoOrNull(v.validFrom),
    validTo: toIsoOrNull(v.validTo),
  };
  if (v.code.trim()) body.code = v.code.trim();
  if (v.shortName.trim()) body.shortName = v.shortName.trim();
  return body;
}

/** The body of PATCH /units/:id: only what changed, plus the version the form was loaded from. */
export function toChanges(v: UnitFormValues, unit: Unit): UnitChanges | null {
  const next = toNewUnit(v);
  const changes: UnitChanges = { version: unit.version };
  if (next.name !== unit.name) changes.name = next.name;
  if (next.kind !== unit.kind) changes.kind = next.kind;
  if ((next.parentId ?? null) !== unit.parentId) changes.parentId = next.parentId ?? null;
  if (v.code.trim() && v.code.trim() !== unit.code) changes.code = v.code.trim();
  if ((next.shortName ?? null) !== unit.shortName) changes.shortName = next.shortName ?? null;
  if (JSON.stringify(next.aliases) !== JSON.stringify(unit.aliases)) changes.aliases = next.aliases ?? [];
  if (next.validFrom !== unit.validFrom) changes.validFrom = next.validFrom ?? null;
  if (next.validTo !== unit.validTo) changes.validTo = next.validTo ?? null;
  return Object.keys(changes).length > 1 ? changes : null;
}
