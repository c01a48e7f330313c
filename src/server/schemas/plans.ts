import { Type, type Static } from '@sinclair/typebox';
import { DIMENSIONS } from '../../domain/plans/plan.js';

const SCHEDULE_KINDS = ['once', 'recurring', 'continuous', 'event', 'unspecified'] as const;

export const TaskListQuery = Type.Object(
  {
    dimension: Type.Optional(Type.Union(DIMENSIONS.map((d) => Type.Literal(d)))),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    kind: Type.Optional(Type.Union(SCHEDULE_KINDS.map((k) => Type.Literal(k)))),
    dueWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3660 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type TaskListQuery = Static<typeof TaskListQuery>;

/** The text fields of the import form, besides the file. */
export const ImportFields = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean()),
    planId: Type.Optional(Type.Integer({ minimum: 1 })),
    issuerUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
    partyFixes: Type.Optional(Type.Record(Type.String({ maxLength: 500 }), Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]))),
    deadlineFixes: Type.Optional(Type.Record(Type.String({ maxLength: 50 }), Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);
export type ImportFields = Static<typeof ImportFields>;
