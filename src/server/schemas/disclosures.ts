import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

/**
 * Request shapes of disclosures (công khai) and the register (issue 5). Dates are plain strings: the service
 * checks them and answers in Vietnamese. Categories and channels are listed so the OpenAPI shows them.
 */
const DateText = Type.String({ maxLength: 20, description: 'YYYY-MM-DD' });

export const DisclosureCategorySchema = Type.Union(
  ['poor_households', 'budget', 'land', 'procedures', 'anti_corruption', 'recruitment'].map((c) => Type.Literal(c)),
  { description: 'Loại công khai' },
);
export const DisclosureChannelSchema = Type.Union(['notice_board', 'loudspeaker', 'village_meeting', 'website'].map((c) => Type.Literal(c)));
export const DisclosureStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('pending'), Type.Literal('published'), Type.Literal('taken_down')]);

export const NewDisclosureBody = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    category: Type.String({ maxLength: 40 }),
    title: Type.String({ maxLength: 300 }),
    summary: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    body: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    legalBasis: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    channels: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
    // The posting period the officer proposes; the approver may change it.
    publishDate: Type.Optional(Nullable(DateText)),
    postingEnd: Type.Optional(Nullable(DateText)),
  },
  { additionalProperties: false },
);
export type NewDisclosureBody = Static<typeof NewDisclosureBody>;

export const DisclosurePatchBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 300 })),
    summary: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    body: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    legalBasis: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    channels: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
    publishDate: Type.Optional(Nullable(DateText)),
    postingEnd: Type.Optional(Nullable(DateText)),
  },
  { additionalProperties: false },
);
export type DisclosurePatchBody = Static<typeof DisclosurePatchBody>;

export const DisclosureQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(DisclosureStatusSchema),
  },
  { additionalProperties: false },
);
export type DisclosureQuery = Static<typeof DisclosureQuery>;

export const ApproveBody = Type.Object(
  { publishDate: Type.Optional(Nullable(DateText)), postingEnd: Type.Optional(Nullable(DateText)) },
  { additionalProperties: false },
);
export type ApproveBody = Static<typeof ApproveBody>;

export const CommentBody = Type.Object({ comment: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) }, { additionalProperties: false });
export type CommentBody = Static<typeof CommentBody>;

export const TakeDownBody = Type.Object({ reason: Type.String({ maxLength: 5000 }) }, { additionalProperties: false });
export type TakeDownBody = Static<typeof TakeDownBody>;

export const RegisterQuery = Type.Object({ unitId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type RegisterQuery = Static<typeof RegisterQuery>;

export const FileParams = Type.Object({ id: Type.Integer({ minimum: 1 }), hash: Type.String({ pattern: '^[0-9a-f]{64}$' }) }, { additionalProperties: false });
export type FileParams = Static<typeof FileParams>;
