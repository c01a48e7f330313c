import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, validationError } from '../../domain/errors.js';
import type { Services } from '../../services/index.js';
import { DISCLOSURE_FILE_TYPE, type UploadedFile } from '../../services/disclosure-service.js';
import { errorBody } from '../errors.js';
import { authOf } from '../plugins/auth.js';
import { IdParams, versionFromIfMatch } from '../schemas/common.js';
import {
  ApproveBody,
  CommentBody,
  DisclosurePatchBody,
  DisclosureQuery,
  FileParams,
  NewDisclosureBody,
  RegisterQuery,
  TakeDownBody,
} from '../schemas/disclosures.js';

type Id = { id: number };

const emptyBodyIsObject = async (request: FastifyRequest) => {
  request.body ??= {};
};

/** Reads a multipart form: one file (required or not) and some text fields. */
async function readForm(request: FastifyRequest, fields: readonly string[], fileRequired: boolean): Promise<{ file: UploadedFile | undefined; values: Record<string, string> }> {
  let file: UploadedFile | undefined;
  const values: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (file) throw validationError('too_many_files', 'Mỗi lần chỉ tải lên một tệp.');
      file = { bytes: new Uint8Array(await part.toBuffer()), name: part.filename || 'tep' };
    } else if (fields.includes(part.fieldname)) {
      values[part.fieldname] = String(part.value);
    }
  }
  if (fileRequired && !file) throw validationError('file_required', 'Chưa chọn tệp (trường «file»).');
  return { file, values };
}

async function unsupportedAs415<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError && err.code === DISCLOSURE_FILE_TYPE) return reply.status(415).send(errorBody(err.code, err.message));
    throw err;
  }
}

/** Disclosures (công khai) for staff and the disclosure register (issue 5, items 1–2). */
export async function disclosureRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const tags = ['disclosures'];

  app.get<{ Querystring: RegisterQuery }>('/disclosures/register', { schema: { tags, querystring: RegisterQuery } }, async (request) =>
    services.disclosures.register(authOf(request).actor, request.query.unitId),
  );

  app.get<{ Querystring: DisclosureQuery }>('/disclosures', { schema: { tags, querystring: DisclosureQuery } }, async (request) => ({
    items: await services.disclosures.list(authOf(request).actor, request.query),
  }));

  app.post<{ Body: NewDisclosureBody }>('/disclosures', { schema: { tags, body: NewDisclosureBody } }, async (request, reply) => {
    const item = await services.disclosures.create(authOf(request).actor, request.body);
    return reply.status(201).header('Location', `/api/v1/disclosures/${item.id}`).header('ETag', `"${item.version}"`).send(item);
  });

  app.get<{ Params: Id }>('/disclosures/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const item = await services.disclosures.get(authOf(request).actor, request.params.id);
    return reply.header('ETag', `"${item.version}"`).send(item);
  });

  app.patch<{ Params: Id; Body: DisclosurePatchBody }>('/disclosures/:id', { schema: { tags, params: IdParams, body: DisclosurePatchBody } }, async (request, reply) => {
    const item = await services.disclosures.update(authOf(request).actor, request.params.id, request.body, versionFromIfMatch(request.headers['if-match']));
    return reply.header('ETag', `"${item.version}"`).send(item);
  });

  app.post<{ Params: Id }>('/disclosures/:id/submit', { schema: { tags, params: IdParams } }, async (request) =>
    services.disclosures.submit(authOf(request).actor, request.params.id),
  );

  app.post<{ Params: Id; Body: ApproveBody }>(
    '/disclosures/:id/approve',
    { schema: { tags, params: IdParams, body: ApproveBody }, preValidation: emptyBodyIsObject },
    async (request) => services.disclosures.approve(authOf(request).actor, request.params.id, request.body),
  );

  app.post<{ Params: Id; Body: CommentBody }>(
    '/disclosures/:id/return',
    { schema: { tags, params: IdParams, body: CommentBody }, preValidation: emptyBodyIsObject },
    async (request) => services.disclosures.returnToDraft(authOf(request).actor, request.params.id, request.body.comment ?? null),
  );

  app.post<{ Params: Id; Body: TakeDownBody }>('/disclosures/:id/take-down', { schema: { tags, params: IdParams, body: TakeDownBody } }, async (request) =>
    services.disclosures.takeDown(authOf(request).actor, request.params.id, request.body.reason),
  );

  // multipart/form-data: file (.xlsx or UTF-8 .csv).
  app.post<{ Params: Id }>('/disclosures/:id/table', { schema: { tags, params: IdParams, consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const { file } = await readForm(request, [], true);
    return unsupportedAs415(reply, () => services.disclosures.importTable(authOf(request).actor, request.params.id, file!));
  });

  // multipart/form-data: file (PDF, DOCX, XLSX).
  app.post<{ Params: Id }>('/disclosures/:id/attachments', { schema: { tags, params: IdParams, consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const { file } = await readForm(request, [], true);
    return unsupportedAs415(reply, async () => reply.status(201).send(await services.disclosures.attach(authOf(request).actor, request.params.id, file!)));
  });

  // multipart/form-data: channel, postedOn (YYYY-MM-DD), description, and optionally file (photo, minutes).
  app.post<{ Params: Id }>('/disclosures/:id/postings', { schema: { tags, params: IdParams, consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const { file, values } = await readForm(request, ['channel', 'postedOn', 'description'], false);
    return unsupportedAs415(reply, async () =>
      reply
        .status(201)
        .send(
          await services.disclosures.recordPosting(
            authOf(request).actor,
            request.params.id,
            { channel: values.channel ?? '', postedOn: values.postedOn ?? '', description: values.description ?? null },
            file,
          ),
        ),
    );
  });

  app.get<{ Params: FileParams }>('/disclosures/:id/files/:hash', { schema: { tags, params: FileParams } }, async (request, reply) => {
    const file = await services.disclosures.file(authOf(request).actor, request.params.id, request.params.hash);
    return reply
      .type(file.mime)
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .send(Buffer.from(file.content));
  });
}
