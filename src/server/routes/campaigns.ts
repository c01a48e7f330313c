import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, validationError } from '../../domain/errors.js';
import { confirmationToDocx, confirmationToHtml, type ConfirmationDoc } from '../../export/contribution-confirmation.js';
import type { Confirmation } from '../../services/campaign-service.js';
import { DISCLOSURE_FILE_TYPE, type UploadedFile } from '../../services/disclosure-service.js';
import type { Services } from '../../services/index.js';
import { errorBody } from '../errors.js';
import { authOf } from '../plugins/auth.js';
import { IdParams, versionFromIfMatch } from '../schemas/common.js';
import { contentDisposition } from './plan-export.js';

type Id = { id: number };
const tags = ['campaigns'];
const Amount = Type.Integer({ minimum: 1, maximum: 10_000_000_000_000 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

// Open to extra properties on purpose: a "minimum per household" field is refused by the domain with the
// voluntary principle spelled out, not with a generic "unknown field".
const NewCampaignBody = Type.Object({
  unitId: Type.Integer({ minimum: 1 }),
  purpose: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
  targetAmount: Amount,
  inKindTarget: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  startDate: IsoDate,
  endDate: IsoDate,
});
type NewCampaignBody = Static<typeof NewCampaignBody>;

const NewContributionBody = Type.Object(
  {
    contributorName: Type.String({ minLength: 1, maxLength: 120 }),
    village: Type.String({ minLength: 1, maxLength: 120 }),
    kind: Type.Union([Type.Literal('money'), Type.Literal('in_kind')]),
    amount: Amount,
    inKindDescription: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    date: IsoDate,
    receiptNo: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
type NewContributionBody = Static<typeof NewContributionBody>;

const CloseBody = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
const ListQuery = Type.Object({ unitId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

/** The spending form: date, amount, purpose, overspendNote and optionally one evidence file. */
async function readSpending(request: FastifyRequest): Promise<{ values: Record<string, string>; file: UploadedFile | undefined }> {
  let file: UploadedFile | undefined;
  const values: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (file) throw validationError('too_many_files', 'Mỗi khoản chi kèm một tệp minh chứng.');
      const bytes = new Uint8Array(await part.toBuffer());
      if (bytes.length > 0 || part.filename) file = { bytes, name: part.filename || 'minh-chung' };
    } else if (['date', 'amount', 'purpose', 'overspendNote'].includes(part.fieldname)) {
      values[part.fieldname] = String(part.value);
    }
  }
  return { values, file };
}

const placeOf = (unitName: string) => unitName.replace(/^(?:UBND|Ủy ban nhân dân)\s+/iu, '').replace(/^(?:xã|phường|thị trấn)\s+/iu, '') || null;

function confirmationDoc(c: Confirmation, request: FastifyRequest): ConfirmationDoc {
  return { ...c, verifyUrl: `${request.protocol}://${request.host}${c.verifyPath}`, place: placeOf(c.unitName) };
}

async function unsupportedAs415<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError && err.code === DISCLOSURE_FILE_TYPE) return reply.status(415).send(errorBody(err.code, err.message));
    throw err;
  }
}

/** Voluntary contributions, staff side (issue 6, item 3). The public side is src/server/portal/routes/campaigns.ts. */
export async function campaignRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Querystring: Static<typeof ListQuery> }>('/campaigns', { schema: { tags, querystring: ListQuery } }, async (request) => ({
    items: await services.campaigns.list(authOf(request).actor, request.query.unitId !== undefined ? { unitId: request.query.unitId } : {}),
  }));

  app.post<{ Body: NewCampaignBody }>('/campaigns', { schema: { tags, body: NewCampaignBody } }, async (request, reply) => {
    const campaign = await services.campaigns.open(authOf(request).actor, request.body as NewCampaignBody & Record<string, unknown>);
    return reply.status(201).header('ETag', `"${campaign.version}"`).send(campaign);
  });

  app.get<{ Params: Id }>('/campaigns/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const campaign = await services.campaigns.get(authOf(request).actor, request.params.id);
    return reply.header('ETag', `"${campaign.version}"`).send(campaign);
  });

  app.post<{ Params: Id; Body: Static<typeof CloseBody> }>('/campaigns/:id/close', { schema: { tags, params: IdParams, body: CloseBody } }, async (request, reply) => {
    const version = request.body?.version ?? versionFromIfMatch(request.headers['if-match']);
    if (version === undefined) throw validationError('version_required', 'Thiếu phiên bản của cuộc vận động (If-Match hoặc «version»).');
    const campaign = await services.campaigns.close(authOf(request).actor, request.params.id, version);
    return reply.header('ETag', `"${campaign.version}"`).send(campaign);
  });

  app.post<{ Params: Id; Body: NewContributionBody }>('/campaigns/:id/contributions', { schema: { tags, params: IdParams, body: NewContributionBody } }, async (request, reply) => {
    const b = request.body;
    const contribution = await services.campaigns.recordContribution(authOf(request).actor, request.params.id, { ...b, inKindDescription: b.inKindDescription ?? null });
    return reply.status(201).send(contribution);
  });

  // multipart/form-data: date, amount, purpose, overspendNote (required when spending passes what was received), file.
  app.post<{ Params: Id }>('/campaigns/:id/spendings', { schema: { tags, params: IdParams, consumes: ['multipart/form-data'] } }, async (request, reply) =>
    unsupportedAs415(reply, async () => {
      const { values, file } = await readSpending(request);
      const amountText = (values.amount ?? '').replace(/[.\s]/g, '');
      if (!/^\d{1,14}$/.test(amountText)) throw validationError('invalid_amount', 'Số tiền chi phải là số nguyên dương (đồng).');
      const spending = await services.campaigns.recordSpending(
        authOf(request).actor,
        request.params.id,
        { date: values.date ?? '', amount: Number(amountText), purpose: values.purpose ?? '', overspendNote: values.overspendNote ?? null },
        file,
      );
      return reply.status(201).send(spending);
    }),
  );

  app.get<{ Params: Id }>('/campaign-contributions/:id/confirmation.html', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const c = await services.campaigns.confirmation(authOf(request).actor, request.params.id);
    return reply.header('Cache-Control', 'private, no-store').type('text/html; charset=utf-8').send(confirmationToHtml(confirmationDoc(c, request)));
  });

  app.get<{ Params: Id }>('/campaign-contributions/:id/confirmation.docx', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const c = await services.campaigns.confirmation(authOf(request).actor, request.params.id);
    const bytes = await confirmationToDocx(confirmationDoc(c, request));
    return reply
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', contentDisposition(`giay-xac-nhan-dong-gop-${c.contribution.receiptNo}.docx`))
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .send(Buffer.from(bytes));
  });
}
