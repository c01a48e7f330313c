import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

/**
 * Request shapes of the reception schedule, procedures and dossiers (issue 5). Dates and times are plain
 * strings here: the domain checks them and answers in Vietnamese ("Giờ bắt đầu không hợp lệ…").
 */
const Text = (maxLength: number) => Type.String({ maxLength });
const ReceptionKind = Type.Union([Type.Literal('periodic'), Type.Literal('regular')], { description: 'periodic: định kỳ (Chủ tịch); regular: thường xuyên' });
const ReceptionStatus = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('cancelled')]);

export const NewSlotsBody = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    date: Type.Optional(Text(20)),
    recurrence: Type.Optional(
      Type.Object(
        { rule: Text(100), from: Text(20), to: Text(20) },
        { additionalProperties: false, description: '"ngày 15 hằng tháng" or "thứ Năm hằng tuần" over [from, to]' },
      ),
    ),
    startTime: Text(10),
    endTime: Text(10),
    place: Text(500),
    officerName: Text(200),
    officerTitle: Text(200),
    officerPhone: Type.Optional(Nullable(Text(30))),
    kind: ReceptionKind,
    note: Type.Optional(Nullable(Text(2000))),
    publish: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewSlotsBody = Static<typeof NewSlotsBody>;

export const SlotQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    from: Type.Optional(Text(20)),
    to: Type.Optional(Text(20)),
    status: Type.Optional(ReceptionStatus),
  },
  { additionalProperties: false },
);
export type SlotQuery = Static<typeof SlotQuery>;

export const CancelBody = Type.Object({ reason: Text(2000) }, { additionalProperties: false });
export type CancelBody = Static<typeof CancelBody>;

export const ProcedureImportBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          unitId: Type.Integer({ minimum: 1 }),
          code: Text(60),
          name: Text(1000),
          field: Text(300),
          processingDays: Type.Optional(Nullable(Type.Integer())),
          fee: Type.Optional(Nullable(Text(300))),
        },
        { additionalProperties: false },
      ),
      { maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);
export type ProcedureImportBody = Static<typeof ProcedureImportBody>;

const DossierStatus = Type.Union([
  Type.Literal('received'),
  Type.Literal('processing'),
  Type.Literal('supplement'),
  Type.Literal('resolved'),
  Type.Literal('returned'),
]);

/** The fields of one received dossier, typed in (NewDossierBody) or imported (DossierImportBody items). */
const dossierFields = {
  procedureId: Type.Integer({ minimum: 1 }),
  code: Text(60),
  receiptCode: Text(60),
  /** Shown to the public only masked ("Nguyễn V. A."). No phone or ID number is accepted. */
  applicantName: Text(200),
  receivedDate: Text(20),
  dueDate: Type.Optional(Nullable(Text(20))),
  /** Public: shown as the first step's note. */
  note: Type.Optional(Nullable(Text(1000))),
};

export const NewDossierBody = Type.Object({ unitId: Type.Integer({ minimum: 1 }), ...dossierFields }, { additionalProperties: false });
export type NewDossierBody = Static<typeof NewDossierBody>;

export const DossierChangeBody = Type.Object(
  {
    status: DossierStatus,
    date: Type.Optional(Nullable(Text(20))),
    dueDate: Type.Optional(Nullable(Text(20))),
    /** Public: shown beside the step on the lookup page. */
    note: Type.Optional(Nullable(Text(1000))),
  },
  { additionalProperties: false },
);
export type DossierChangeBody = Static<typeof DossierChangeBody>;

export const DossierQuery = Type.Object({ unitId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export type DossierQuery = Static<typeof DossierQuery>;

export const DossierImportBody = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    items: Type.Array(
      Type.Object(
        {
          ...dossierFields,
          steps: Type.Optional(
            Type.Array(
              Type.Object({ status: DossierStatus, date: Text(20), note: Type.Optional(Nullable(Text(1000))) }, { additionalProperties: false }),
              { maxItems: 50 },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);
export type DossierImportBody = Static<typeof DossierImportBody>;
