import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validationError } from '../../domain/errors.js';
import type { UploadedFile } from '../../services/disclosure-service.js';
import type { Services } from '../../services/index.js';
import { authOf } from '../plugins/auth.js';
import { IdParams, versionFromIfMatch } from '../schemas/common.js';
import {
  CancelBody,
  DossierChangeBody,
  DossierImportBody,
  DossierQuery,
  NewDossierBody,
  NewSlotsBody,
  ProcedureImportBody,
  SlotQuery,
} from '../schemas/reception.js';

type Id = { id: number };

const ProcedureListQuery = Type.Object(
  { unitId: Type.Optional(Type.Integer({ minimum: 1 })), q: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
type ProcedureListQuery = Static<typeof ProcedureListQuery>;

/** The import form of a procedure or dossier list: the receiving unit and one file. */
async function readUnitFile(request: FastifyRequest): Promise<{ unitId: number; file: UploadedFile }> {
  let file: UploadedFile | undefined;
  let unitText = '';
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (file) throw validationError('too_many_files', 'Mỗi lần chỉ tải lên một tệp.');
      file = { bytes: new Uint8Array(await part.toBuffer()), name: part.filename || 'tep' };
    } else if (part.fieldname === 'unitId') {
      unitText = String(part.value).trim();
    }
  }
  const unitId = Number(unitText);
  if (!/^\d{1,9}$/.test(unitText) || unitId < 1) throw validationError('unit_required', 'Chưa chọn đơn vị (trường «unitId»).');
  if (!file) throw validationError('file_required', 'Chưa chọn tệp (trường «file»).');
  return { unitId, file };
}

/**
 * Issue 5, staff side: the citizen reception schedule (schedule, publish, cancel), the import of
 * administrative procedures, and dossiers (enter, move on). The public side is src/server/portal.
 */
export async function receptionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  // ---- reception slots ----------------------------------------------------------------------
  app.get<{ Querystring: SlotQuery }>('/reception-slots', { schema: { tags: ['reception'], querystring: SlotQuery } }, async (request) => ({
    items: await services.reception.list(authOf(request).actor, request.query),
  }));

  app.post<{ Body: NewSlotsBody }>('/reception-slots', { schema: { tags: ['reception'], body: NewSlotsBody } }, async (request, reply) => {
    const b = request.body;
    const items = await services.reception.schedule(authOf(request).actor, {
      unitId: b.unitId,
      ...(b.date !== undefined ? { date: b.date } : {}),
      ...(b.recurrence !== undefined ? { recurrence: b.recurrence } : {}),
      startTime: b.startTime,
      endTime: b.endTime,
      place: b.place,
      officerName: b.officerName,
      officerTitle: b.officerTitle,
      officerPhone: b.officerPhone ?? null,
      kind: b.kind,
      note: b.note ?? null,
      publish: b.publish ?? false,
    });
    return reply.status(201).send({ items });
  });

  app.get<{ Params: Id }>('/reception-slots/:id', { schema: { tags: ['reception'], params: IdParams } }, async (request) =>
    services.reception.get(authOf(request).actor, request.params.id),
  );

  app.post<{ Params: Id }>('/reception-slots/:id/publish', { schema: { tags: ['reception'], params: IdParams } }, async (request) =>
    services.reception.publish(authOf(request).actor, request.params.id),
  );

  app.post<{ Params: Id; Body: CancelBody }>('/reception-slots/:id/cancel', { schema: { tags: ['reception'], params: IdParams, body: CancelBody } }, async (request) =>
    services.reception.cancel(authOf(request).actor, request.params.id, request.body.reason),
  );

  // ---- procedures ---------------------------------------------------------------------------
  app.post<{ Body: ProcedureImportBody }>('/procedures/import', { schema: { tags: ['reception'], body: ProcedureImportBody } }, async (request) =>
    services.dossiers.importProcedures(
      authOf(request).actor,
      request.body.items.map((i) => ({ unitId: i.unitId, code: i.code, name: i.name, field: i.field, processingDays: i.processingDays ?? null, fee: i.fee ?? null })),
    ),
  );

  app.get<{ Querystring: ProcedureListQuery }>('/procedures', { schema: { tags: ['reception'], querystring: ProcedureListQuery } }, async (request) => ({
    items: await services.registerImport.procedures(authOf(request).actor, request.query),
  }));

  // multipart/form-data: unitId, file (.xlsx or UTF-8 .csv; columns found by their Vietnamese headers).
  app.post('/procedures/import/file', { schema: { tags: ['reception'], consumes: ['multipart/form-data'] } }, async (request) => {
    const { unitId, file } = await readUnitFile(request);
    return services.registerImport.importProcedureFile(authOf(request).actor, unitId, file);
  });

  // ---- dossiers -----------------------------------------------------------------------------
  app.get<{ Querystring: DossierQuery }>('/dossiers', { schema: { tags: ['reception'], querystring: DossierQuery } }, async (request) => ({
    items: await services.dossiers.list(authOf(request).actor, request.query),
  }));

  app.post<{ Body: NewDossierBody }>('/dossiers', { schema: { tags: ['reception'], body: NewDossierBody } }, async (request, reply) => {
    const d = await services.dossiers.create(authOf(request).actor, request.body);
    return reply.status(201).header('Location', `/api/v1/dossiers/${d.id}`).header('ETag', `"${d.version}"`).send(d);
  });

  app.post<{ Body: DossierImportBody }>('/dossiers/import', { schema: { tags: ['reception'], body: DossierImportBody } }, async (request) =>
    services.dossiers.importDossiers(authOf(request).actor, request.body.unitId, request.body.items),
  );

  // multipart/form-data: unitId, file (.xlsx or UTF-8 .csv of dossier code, procedure, applicant, dates, status).
  app.post('/dossiers/import/file', { schema: { tags: ['reception'], consumes: ['multipart/form-data'] } }, async (request) => {
    const { unitId, file } = await readUnitFile(request);
    return services.registerImport.importDossierFile(authOf(request).actor, unitId, file);
  });

  app.get<{ Params: Id }>('/dossiers/:id', { schema: { tags: ['reception'], params: IdParams } }, async (request, reply) => {
    const d = await services.dossiers.get(authOf(request).actor, request.params.id);
    return reply.header('ETag', `"${d.version}"`).send(d);
  });

  app.patch<{ Params: Id; Body: DossierChangeBody }>(
    '/dossiers/:id',
    { schema: { tags: ['reception'], params: IdParams, body: DossierChangeBody } },
    async (request, reply) => {
      const d = await services.dossiers.update(authOf(request).actor, request.params.id, request.body, versionFromIfMatch(request.headers['if-match']));
      return reply.header('ETag', `"${d.version}"`).send(d);
    },
  );
}
