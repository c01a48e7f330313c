import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

/**
 * Request shapes of extensions (gia hạn), task schedule events, "my reports" and contributions
 * (contracts.md, H5). Dates are plain strings here: the services check them and answer in Vietnamese
 * ("Ngày gia hạn không hợp lệ (cần dạng YYYY-MM-DD)") rather than a generic format error.
 */
const DateText = Type.String({ maxLength: 20, description: 'YYYY-MM-DD' });

export const ExtensionState = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused')]);

export const NewExtensionBody = Type.Object(
  {
    assignmentId: Type.Integer({ minimum: 1 }),
    /** The due to move (its original date, or the date in force after an earlier extension). */
    dueDate: DateText,
    requestedDate: DateText,
    reason: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type NewExtensionBody = Static<typeof NewExtensionBody>;

export const ExtensionQuery = Type.Object(
  {
    planId: Type.Optional(Type.Integer({ minimum: 1 })),
    status: Type.Optional(ExtensionState),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ExtensionQuery = Static<typeof ExtensionQuery>;

export const DecisionBody = Type.Object({ comment: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) }, { additionalProperties: false });
export type DecisionBody = Static<typeof DecisionBody>;

export const TriggerBody = Type.Object(
  { date: DateText, note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) },
  { additionalProperties: false },
);
export type TriggerBody = Static<typeof TriggerBody>;

export const DatesBody = Type.Object(
  { dates: Type.Array(DateText, { maxItems: 500 }), note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) },
  { additionalProperties: false },
);
export type DatesBody = Static<typeof DatesBody>;

const Flag = Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')]);

export const ReportListQuery = Type.Object(
  {
    /** 1: the reports of the actor's own unit; otherwise every report in the actor's scope. */
    mine: Type.Optional(Flag),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('returned'), Type.Literal('accepted')])),
    planId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ReportListQuery = Static<typeof ReportListQuery>;

export const ContributionBody = Type.Object({ unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))) }, { additionalProperties: false });
export type ContributionBody = Static<typeof ContributionBody>;
