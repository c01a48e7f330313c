import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { FEEDBACK_FILE_TOO_LARGE, FEEDBACK_FILE_TYPE } from '../../services/feedback-service.js';
import type { Services } from '../../services/index.js';
import { errorBody } from '../errors.js';
import { authOf } from '../plugins/auth.js';
import { IdParams, versionFromIfMatch } from '../schemas/common.js';

type Id = { id: number };
const tags = ['feedback'];

const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 20 })),
    kind: Type.Optional(Type.String({ maxLength: 20 })),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
type ListQuery = Static<typeof ListQuery>;

const OnBehalfBody = Type.Object(
  {
    topic: Type.String({ maxLength: 30 }),
    kind: Type.Optional(Type.String({ maxLength: 20 })),
    communeId: Type.Integer({ minimum: 1 }),
    description: Type.String({ maxLength: 6000 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    contact: Type.Optional(Type.String({ maxLength: 300 })),
    channel: Type.Optional(Type.String({ maxLength: 20 })),
    consent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
type OnBehalfBody = Static<typeof OnBehalfBody>;

const AssignBody = Type.Object({ unitId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const StartBody = Type.Object({ complexity: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false });
const AnswerBody = Type.Object({ answer: Type.String({ maxLength: 12000 }), public: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const PublishBody = Type.Object({ question: Type.Optional(Type.String({ maxLength: 6000 })) }, { additionalProperties: false });
const ReasonBody = Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });
const DuplicateBody = Type.Object({ of: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const FileParams = Type.Object({ id: Type.Integer({ minimum: 1 }), hash: Type.String({ pattern: '^[0-9a-f]{64}$' }) }, { additionalProperties: false });

const emptyBodyIsObject = async (request: { body: unknown }) => {
  request.body ??= {};
};

/** File errors of the public form also reach staff filing on behalf: 413 and 415 like the portal. */
export function fileErrorStatus(err: unknown): 413 | 415 | null {
  if (!(err instanceof DomainError)) return null;
  return err.code === FEEDBACK_FILE_TOO_LARGE ? 413 : err.code === FEEDBACK_FILE_TYPE ? 415 : null;
}

async function withFileErrors<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (err) {
    const status = fileErrorStatus(err);
    if (status) return reply.status(status).send(errorBody((err as DomainError).code, (err as DomainError).message));
    throw err;
  }
}

/**
 * Citizens' feedback for staff (issue 6): the list in the reader's scope, one case with its sender and
 * history, filing on behalf (desk, phone), and the steps. The public side is src/server/portal/routes/feedback.ts.
 */
export async function feedbackRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/feedback/topics', { schema: { tags } }, async () => ({ items: services.feedback.topics() }));

  app.get<{ Querystring: ListQuery }>('/feedback', { schema: { tags, querystring: ListQuery } }, async (request) => ({
    items: await services.feedback.list(authOf(request).actor, request.query),
  }));

  app.post<{ Body: OnBehalfBody }>('/feedback', { schema: { tags, body: OnBehalfBody } }, async (request, reply) =>
    withFileErrors(reply, async () => reply.status(201).send(await services.feedback.fileOnBehalf(authOf(request).actor, request.body))),
  );

  app.get<{ Params: Id }>('/feedback/:id', { schema: { tags, params: IdParams } }, async (request) => services.feedback.get(authOf(request).actor, request.params.id));

  app.get<{ Params: { id: number; hash: string } }>('/feedback/:id/files/:hash', { schema: { tags, params: FileParams } }, async (request, reply) => {
    const file = await services.feedback.attachment(authOf(request).actor, request.params.id, request.params.hash);
    reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    reply.header('Cache-Control', 'private, no-store');
    return reply.type(file.mime).send(Buffer.from(file.content));
  });

  const version = (h: string | undefined) => versionFromIfMatch(h);

  app.post<{ Params: Id; Body: Static<typeof AssignBody> }>('/feedback/:id/assign', { schema: { tags, params: IdParams, body: AssignBody } }, async (request) =>
    services.feedback.assign(authOf(request).actor, request.params.id, request.body.unitId, version(request.headers['if-match'])),
  );
  app.post<{ Params: Id; Body: Static<typeof StartBody> }>('/feedback/:id/start', { schema: { tags, params: IdParams, body: StartBody }, preValidation: emptyBodyIsObject }, async (request) =>
    services.feedback.start(authOf(request).actor, request.params.id, { complexity: request.body.complexity, version: version(request.headers['if-match']) }),
  );
  app.post<{ Params: Id; Body: Static<typeof AnswerBody> }>('/feedback/:id/answer', { schema: { tags, params: IdParams, body: AnswerBody } }, async (request) =>
    services.feedback.answer(authOf(request).actor, request.params.id, { ...request.body, version: version(request.headers['if-match']) }),
  );
  app.post<{ Params: Id; Body: Static<typeof PublishBody> }>('/feedback/:id/publish', { schema: { tags, params: IdParams, body: PublishBody }, preValidation: emptyBodyIsObject }, async (request) =>
    services.feedback.publish(authOf(request).actor, request.params.id, request.body.question),
  );
  app.post<{ Params: Id }>('/feedback/:id/unpublish', { schema: { tags, params: IdParams } }, async (request) => services.feedback.unpublish(authOf(request).actor, request.params.id));
  app.post<{ Params: Id }>('/feedback/:id/close', { schema: { tags, params: IdParams } }, async (request) =>
    services.feedback.close(authOf(request).actor, request.params.id, version(request.headers['if-match'])),
  );
  app.post<{ Params: Id; Body: Static<typeof ReasonBody> }>('/feedback/:id/reject', { schema: { tags, params: IdParams, body: ReasonBody } }, async (request) =>
    services.feedback.reject(authOf(request).actor, request.params.id, request.body.reason, version(request.headers['if-match'])),
  );
  app.post<{ Params: Id; Body: Static<typeof ReasonBody> }>('/feedback/:id/reopen', { schema: { tags, params: IdParams, body: ReasonBody } }, async (request) =>
    services.feedback.reopen(authOf(request).actor, request.params.id, request.body.reason, version(request.headers['if-match'])),
  );
  app.post<{ Params: Id; Body: Static<typeof DuplicateBody> }>('/feedback/:id/duplicate', { schema: { tags, params: IdParams, body: DuplicateBody } }, async (request) =>
    services.feedback.markDuplicate(authOf(request).actor, request.params.id, request.body.of, version(request.headers['if-match'])),
  );
}
