import { Type, type Static } from '@sinclair/typebox';
import { UNIT_KINDS } from '../../domain/units/unit.js';
import { IsoDate, Nullable } from './common.js';

export const UnitKindSchema = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));

export const UnitSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  kind: UnitKindSchema,
  parentId: Nullable(Type.Integer()),
  aliases: Type.Array(Type.String()),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  successorId: Nullable(Type.Integer()),
  email: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Name = Type.String({ minLength: 1, maxLength: 300 });
const Aliases = Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50 });

export const CreateUnitBody = Type.Object(
  {
    name: Name,
    kind: UnitKindSchema,
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    code: Type.Optional(Type.String({ maxLength: 40 })),
    shortName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    aliases: Type.Optional(Aliases),
    validFrom: Type.Optional(Nullable(IsoDate)),
    validTo: Type.Optional(Nullable(IsoDate)),
    /** The unit's official mailbox, for reminders; checked by the service. */
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  },
  { additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Partial(
  Type.Object({
    name: Name,
    kind: UnitKindSchema,
    parentId: Nullable(Type.Integer({ minimum: 1 })),
    code: Type.String({ minLength: 1, maxLength: 40 }),
    shortName: Nullable(Type.String({ maxLength: 100 })),
    aliases: Aliases,
    validFrom: Nullable(IsoDate),
    validTo: Nullable(IsoDate),
    email: Nullable(Type.String({ maxLength: 254 })),
    version: Type.Integer({ minimum: 1 }),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;

export const MergeUnitBody = Type.Object(
  { intoId: Type.Integer({ minimum: 1 }), date: IsoDate },
  { additionalProperties: false },
);
export type MergeUnitBody = Static<typeof MergeUnitBody>;

export const UnitListQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200 })), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type UnitListQuery = Static<typeof UnitListQuery>;
