import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.js';
import { XLSX_MIME } from '../../services/survey-service.js';
import { authOf } from '../plugins/auth.js';
import { IdParams, Nullable, versionFromIfMatch } from '../schemas/common.js';

/**
 * Request shapes of surveys. The questionnaire is checked by the domain (domain/surveys validateQuestionnaire),
 * which names every problem by question number in Vietnamese; here only its size is bounded.
 */
const Questions = Type.Array(Type.Unknown(), { maxItems: 60, description: 'Câu hỏi: { id?, kind: single|multiple|scale|text, text, help?, required, options? }' });
const NewSurveyBody = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    subjectKind: Type.Optional(Type.String({ maxLength: 20, description: 'service | unit' })),
    serviceArea: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    title: Type.Optional(Type.String({ maxLength: 300 })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 3000 }))),
    questions: Type.Optional(Questions),
    template: Type.Optional(Nullable(Type.String({ maxLength: 20, description: '"sipas": the national questionnaire' }))),
  },
  { additionalProperties: false },
);
type NewSurveyBody = Static<typeof NewSurveyBody>;
const SurveyPatchBody = Type.Object(
  {
    subjectKind: Type.Optional(Type.String({ maxLength: 20 })),
    serviceArea: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    title: Type.Optional(Type.String({ maxLength: 300 })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 3000 }))),
    questions: Type.Optional(Questions),
  },
  { additionalProperties: false },
);
type SurveyPatchBody = Static<typeof SurveyPatchBody>;
const PublishBody = Type.Object(
  { opensOn: Type.Optional(Nullable(Type.String({ maxLength: 20 }))), closesOn: Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }) },
  { additionalProperties: false },
);
type PublishBody = Static<typeof PublishBody>;
const SurveyQuery = Type.Object(
  { unitId: Type.Optional(Type.Integer({ minimum: 1 })), status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('closed')])) },
  { additionalProperties: false },
);
type SurveyQuery = Static<typeof SurveyQuery>;
const CommentQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('hidden'), Type.Literal('all')])) },
  { additionalProperties: false },
);
type CommentQuery = Static<typeof CommentQuery>;
const ModerateBody = Type.Object({ decision: Type.Union([Type.Literal('approved'), Type.Literal('hidden')]) }, { additionalProperties: false });
type ModerateBody = Static<typeof ModerateBody>;

type Id = { id: number };

const emptyBodyIsObject = async (request: FastifyRequest) => {
  request.body ??= {};
};

/** Satisfaction surveys for staff: build, publish, close, results, moderation, exports (issue 6 item 2). */
export async function surveyRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const tags = ['surveys'];

  app.get<{ Querystring: SurveyQuery }>('/surveys', { schema: { tags, querystring: SurveyQuery } }, async (request) => ({
    items: await services.surveys.list(authOf(request).actor, request.query),
  }));

  app.get('/surveys/by-unit', { schema: { tags } }, async (request) => ({ items: await services.surveys.unitSummary(authOf(request).actor) }));

  app.post<{ Body: NewSurveyBody }>('/surveys', { schema: { tags, body: NewSurveyBody } }, async (request, reply) => {
    const item = await services.surveys.create(authOf(request).actor, request.body);
    return reply.status(201).header('Location', `/api/v1/surveys/${item.id}`).header('ETag', `"${item.version}"`).send(item);
  });

  app.get<{ Params: Id }>('/surveys/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const item = await services.surveys.get(authOf(request).actor, request.params.id);
    return reply.header('ETag', `"${item.version}"`).send(item);
  });

  app.patch<{ Params: Id; Body: SurveyPatchBody }>('/surveys/:id', { schema: { tags, params: IdParams, body: SurveyPatchBody } }, async (request, reply) => {
    const item = await services.surveys.update(authOf(request).actor, request.params.id, request.body, versionFromIfMatch(request.headers['if-match']));
    return reply.header('ETag', `"${item.version}"`).send(item);
  });

  app.post<{ Params: Id; Body: PublishBody }>('/surveys/:id/publish', { schema: { tags, params: IdParams, body: PublishBody } }, async (request) =>
    services.surveys.publish(authOf(request).actor, request.params.id, request.body),
  );

  app.post<{ Params: Id }>('/surveys/:id/close', { schema: { tags, params: IdParams }, preValidation: emptyBodyIsObject }, async (request) =>
    services.surveys.close(authOf(request).actor, request.params.id),
  );

  app.get<{ Params: Id }>('/surveys/:id/results', { schema: { tags, params: IdParams } }, async (request) => services.surveys.results(authOf(request).actor, request.params.id));

  app.get<{ Params: Id; Querystring: CommentQuery }>('/surveys/:id/comments', { schema: { tags, params: IdParams, querystring: CommentQuery } }, async (request) => {
    const status = request.query.status ?? 'pending';
    return { items: await services.surveys.comments(authOf(request).actor, request.params.id, status === 'all' ? undefined : status) };
  });

  app.post<{ Params: Id; Body: ModerateBody }>('/survey-comments/:id/moderate', { schema: { tags, params: IdParams, body: ModerateBody } }, async (request) =>
    services.surveys.moderate(authOf(request).actor, request.params.id, request.body.decision),
  );

  app.get<{ Params: Id }>('/surveys/:id/export.csv', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const file = await services.surveys.exportCsv(authOf(request).actor, request.params.id);
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${file.name}"`).send(file.body);
  });

  app.get<{ Params: Id }>('/surveys/:id/export.xlsx', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const file = await services.surveys.exportXlsx(authOf(request).actor, request.params.id);
    return reply.type(XLSX_MIME).header('Content-Disposition', `attachment; filename="${file.name}"`).send(file.body);
  });
}
