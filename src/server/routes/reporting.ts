import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.js';
import { authOf } from '../plugins/auth.js';
import { IdParams, IsoDate, Nullable, versionFromIfMatch } from '../schemas/common.js';

type Id = { id: number };

const LongText = Type.String({ maxLength: 20_000 });
const Version = Type.Integer({ minimum: 1 });

const OpenRoundBody = Type.Object(
  {
    /** "2021-Q3", "2022-M03", "2022-H1", "2022-9M", "2022-Y" or "2022-03-01..2022-04-15". */
    periodKey: Type.String({ minLength: 4, maxLength: 40 }),
    submissionDeadline: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
type OpenRoundBody = Static<typeof OpenRoundBody>;

const EvidenceBody = Type.Object(
  {
    docNumber: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    docDate: Type.Optional(Nullable(IsoDate)),
    summary: Type.String({ minLength: 1, maxLength: 2000 }),
    fileHash: Type.Optional(Nullable(Type.String({ pattern: '^[0-9a-f]{64}$' }))),
  },
  { additionalProperties: false },
);

const EntryBody = Type.Object(
  {
    taskId: Type.Integer({ minimum: 1 }),
    status: Type.Optional(Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('blocked')])),
    progress: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
    results: Type.Optional(LongText),
    difficulties: Type.Optional(LongText),
    proposals: Type.Optional(LongText),
    blockedReason: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    completedOn: Type.Optional(Nullable(IsoDate)),
    evidence: Type.Optional(Type.Array(EvidenceBody, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

const NarrativeBody = Type.Object(
  {
    results: Type.Optional(LongText),
    shortcomings: Type.Optional(LongText),
    causes: Type.Optional(LongText),
    proposals: Type.Optional(LongText),
  },
  { additionalProperties: false },
);

const SaveReportBody = Type.Object(
  {
    version: Type.Optional(Version),
    narrative: Type.Optional(NarrativeBody),
    entries: Type.Optional(Type.Array(EntryBody, { maxItems: 1000 })),
  },
  { additionalProperties: false },
);
type SaveReportBody = Static<typeof SaveReportBody>;

const PeriodParts = Type.Object(
  {
    type: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('half'), Type.Literal('nine_months'), Type.Literal('year')]),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    index: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  },
  { additionalProperties: false },
);

/** The contract: `POST /rounds {planId, period:{type, year, index}, dueDate}`. */
const CreateRoundBody = Type.Object(
  {
    planId: Type.Integer({ minimum: 1 }),
    period: Type.Optional(PeriodParts),
    periodKey: Type.Optional(Type.String({ minLength: 4, maxLength: 40 })),
    dueDate: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
type CreateRoundBody = Static<typeof CreateRoundBody>;

/**
 * PUT takes back what GET answered (entries and narrative): read-only fields (ids, task texts, review
 * comments) are ignored; `result` (the contract's name) is read for `results` and wins when both are sent.
 */
const PutEvidence = Type.Object(
  {
    docNumber: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    docDate: Type.Optional(Nullable(IsoDate)),
    summary: Type.String({ minLength: 1, maxLength: 2000 }),
    fileHash: Type.Optional(Nullable(Type.String({ pattern: '^[0-9a-f]{64}$' }))),
  },
  { additionalProperties: true },
);
const PutEntry = Type.Object(
  {
    taskId: Type.Integer({ minimum: 1 }),
    status: Type.Optional(Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('blocked')])),
    progress: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
    result: Type.Optional(LongText),
    results: Type.Optional(LongText),
    difficulties: Type.Optional(LongText),
    proposals: Type.Optional(LongText),
    blockedReason: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    completedOn: Type.Optional(Nullable(IsoDate)),
    evidence: Type.Optional(Type.Array(PutEvidence, { maxItems: 50 })),
  },
  { additionalProperties: true },
);
const PutReportBody = Type.Object(
  {
    version: Type.Optional(Version),
    narrative: Type.Optional(NarrativeBody),
    entries: Type.Optional(Type.Array(PutEntry, { maxItems: 1000 })),
  },
  { additionalProperties: true },
);
type PutReportBody = Static<typeof PutReportBody>;

const TransitionBody = Type.Object({ version: Type.Optional(Version) }, { additionalProperties: false });
type TransitionBody = Static<typeof TransitionBody>;

const ReturnBody = Type.Object(
  {
    version: Type.Optional(Version),
    comment: Type.Optional(Type.String({ maxLength: 5000 })),
    entryComments: Type.Optional(
      Type.Array(Type.Object({ taskId: Type.Integer({ minimum: 1 }), comment: Type.String({ maxLength: 5000 }) }, { additionalProperties: false }), {
        maxItems: 1000,
      }),
    ),
  },
  { additionalProperties: false },
);
type ReturnBody = Static<typeof ReturnBody>;

const CompareQuery = Type.Object({ from: Version, to: Version }, { additionalProperties: false });
type CompareQuery = Static<typeof CompareQuery>;

/** The version the client saw: If-Match first, then the body's `version`. */
const expectedVersion = (header: string | string[] | undefined, body?: { version?: number } | null) =>
  versionFromIfMatch(typeof header === 'string' ? header : undefined) ?? body?.version;

/** A workflow step may be posted with no body at all. */
const emptyBodyIsObject = async (request: FastifyRequest) => {
  request.body ??= {};
};

/** Rounds and reports (issue 4, items 2–3). Reports carry their version as the ETag. */
export async function reportingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const reporting = services.reporting;

  app.post<{ Params: Id; Body: OpenRoundBody }>(
    '/plans/:id/rounds',
    { schema: { tags: ['reporting'], params: IdParams, body: OpenRoundBody } },
    async (request, reply) => {
      const round = await reporting.openRound(authOf(request).actor, request.params.id, request.body);
      return reply.status(201).header('Location', `/api/v1/rounds/${round.id}`).send(round);
    },
  );

  app.post<{ Body: CreateRoundBody }>('/rounds', { schema: { tags: ['reporting'], body: CreateRoundBody } }, async (request, reply) => {
    const { planId, period, periodKey, dueDate } = request.body;
    const round = await reporting.openRound(authOf(request).actor, planId, {
      ...(periodKey !== undefined ? { periodKey } : {}),
      ...(period !== undefined ? { period } : {}),
      submissionDeadline: dueDate ?? null,
    });
    return reply.status(201).header('Location', `/api/v1/rounds/${round.id}`).send(round);
  });

  app.get<{ Params: Id }>('/plans/:id/rounds', { schema: { tags: ['reporting'], params: IdParams } }, async (request) =>
    reporting.listRounds(authOf(request).actor, request.params.id),
  );

  app.get<{ Params: Id }>('/rounds/:id', { schema: { tags: ['reporting'], params: IdParams } }, async (request) =>
    reporting.getRound(authOf(request).actor, request.params.id),
  );

  app.get<{ Params: Id }>('/reports/:id', { schema: { tags: ['reporting'], params: IdParams } }, async (request, reply) => {
    const report = await reporting.getReport(authOf(request).actor, request.params.id);
    return reply.header('ETag', `"${report.version}"`).send(report);
  });

  app.patch<{ Params: Id; Body: SaveReportBody }>(
    '/reports/:id',
    { schema: { tags: ['reporting'], params: IdParams, body: SaveReportBody } },
    async (request, reply) => {
      const { version: _version, ...changes } = request.body;
      const report = await reporting.saveReport(authOf(request).actor, request.params.id, changes, expectedVersion(request.headers['if-match'], request.body));
      return reply.header('ETag', `"${report.version}"`).send(report);
    },
  );

  app.put<{ Params: Id; Body: PutReportBody }>(
    '/reports/:id',
    { schema: { tags: ['reporting'], params: IdParams, body: PutReportBody } },
    async (request, reply) => {
      const body = request.body;
      const changes = {
        ...(body.narrative ? { narrative: body.narrative } : {}),
        ...(body.entries
          ? {
              entries: body.entries.map((e) => ({
                taskId: e.taskId,
                ...(e.status !== undefined ? { status: e.status } : {}),
                ...(e.progress !== undefined ? { progress: e.progress } : {}),
                ...((e.result ?? e.results) !== undefined ? { results: (e.result ?? e.results)! } : {}),
                ...(e.difficulties !== undefined ? { difficulties: e.difficulties } : {}),
                ...(e.proposals !== undefined ? { proposals: e.proposals } : {}),
                ...(e.blockedReason !== undefined ? { blockedReason: e.blockedReason } : {}),
                ...(e.completedOn !== undefined ? { completedOn: e.completedOn } : {}),
                ...(e.evidence
                  ? { evidence: e.evidence.map((ev) => ({ docNumber: ev.docNumber ?? null, docDate: ev.docDate ?? null, summary: ev.summary, fileHash: ev.fileHash ?? null })) }
                  : {}),
              })),
            }
          : {}),
      };
      const report = await reporting.saveReport(authOf(request).actor, request.params.id, changes, expectedVersion(request.headers['if-match'], body));
      return reply.header('ETag', `"${report.version}"`).send(report);
    },
  );

  app.post<{ Params: Id; Body: TransitionBody }>(
    '/reports/:id/submit',
    { schema: { tags: ['reporting'], params: IdParams, body: TransitionBody }, preValidation: emptyBodyIsObject },
    async (request, reply) => {
      const report = await reporting.submit(authOf(request).actor, request.params.id, expectedVersion(request.headers['if-match'], request.body));
      return reply.header('ETag', `"${report.version}"`).send(report);
    },
  );

  app.post<{ Params: Id; Body: ReturnBody }>(
    '/reports/:id/return',
    { schema: { tags: ['reporting'], params: IdParams, body: ReturnBody } },
    async (request, reply) => {
      const { version: _version, ...input } = request.body;
      const report = await reporting.returnReport(authOf(request).actor, request.params.id, input, expectedVersion(request.headers['if-match'], request.body));
      return reply.header('ETag', `"${report.version}"`).send(report);
    },
  );

  app.post<{ Params: Id; Body: TransitionBody }>(
    '/reports/:id/accept',
    { schema: { tags: ['reporting'], params: IdParams, body: TransitionBody }, preValidation: emptyBodyIsObject },
    async (request, reply) => {
      const report = await reporting.accept(authOf(request).actor, request.params.id, expectedVersion(request.headers['if-match'], request.body));
      return reply.header('ETag', `"${report.version}"`).send(report);
    },
  );

  app.get<{ Params: Id }>('/reports/:id/versions', { schema: { tags: ['reporting'], params: IdParams } }, async (request) =>
    reporting.versions(authOf(request).actor, request.params.id),
  );

  app.get<{ Params: Id; Querystring: CompareQuery }>(
    '/reports/:id/compare',
    { schema: { tags: ['reporting'], params: IdParams, querystring: CompareQuery } },
    async (request) => reporting.compare(authOf(request).actor, request.params.id, request.query.from, request.query.to),
  );
}
