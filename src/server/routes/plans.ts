import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import type { Services } from '../../services/index.js';
import { validationError } from '../../domain/errors.js';
import { authOf } from '../plugins/auth.js';
import { IdParams } from '../schemas/common.js';
import { ImportFields, TaskListQuery } from '../schemas/plans.js';

type Id = { id: number };
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;

/** Reads the multipart import form: one file and the text fields (JSON where they are objects). */
async function readImportForm(request: FastifyRequest): Promise<{ file: { bytes: Uint8Array; name: string; mime: string }; fields: ImportFields }> {
  let file: { bytes: Uint8Array; name: string; mime: string } | undefined;
  const raw: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (file) throw validationError('too_many_files', 'Mỗi lần chỉ nhập một tệp kế hoạch.');
      file = { bytes: new Uint8Array(await part.toBuffer()), name: part.filename || 'ke-hoach', mime: part.mimetype };
    } else {
      const value = String(part.value);
      raw[part.fieldname] = part.fieldname.endsWith('Fixes') ? parseJsonField(part.fieldname, value) : value;
    }
  }
  if (!file) throw validationError('file_required', 'Chưa chọn tệp kế hoạch (trường «file»).');
  const converted = Value.Convert(ImportFields, raw);
  if (!Value.Check(ImportFields, converted)) {
    const first = [...Value.Errors(ImportFields, converted)][0];
    throw validationError('invalid_input', `Trường «${first?.path.replace(/^\//, '') ?? ''}» không hợp lệ.`);
  }
  return { file, fields: converted };
}

function parseJsonField(name: string, value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw validationError('invalid_json', `Trường «${name}» phải là JSON hợp lệ.`);
  }
}

export async function planRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/plans', { schema: { tags: ['plans'] } }, async (request) => services.plans.list(authOf(request).actor));

  app.get<{ Params: Id }>('/plans/:id', { schema: { tags: ['plans'], params: IdParams } }, async (request) =>
    services.plans.get(authOf(request).actor, request.params.id),
  );

  app.get<{ Params: Id; Querystring: TaskListQuery }>(
    '/plans/:id/tasks',
    { schema: { tags: ['plans'], params: IdParams, querystring: TaskListQuery } },
    async (request) => services.plans.tasks(authOf(request).actor, request.params.id, request.query),
  );

  app.get<{ Params: Id }>('/plans/:id/file', { schema: { tags: ['plans'], params: IdParams } }, async (request, reply) => {
    const file = await services.plans.sourceFile(authOf(request).actor, request.params.id);
    return reply
      .type(file.mime)
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(Buffer.from(file.content));
  });

  // multipart/form-data: file, and optional dryRun, planId, issuerUnitId, partyFixes (JSON), deadlineFixes (JSON).
  app.post('/plans/import', { schema: { tags: ['plans'], consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const { actor } = authOf(request);
    const { file, fields } = await readImportForm(request);
    const { dryRun, ...options } = fields;
    if (dryRun) {
      // The answer is the PlanDraft (format dondoc.plan/1, as `dondoc import --json` prints it), with the
      // review — resolved parties, parsed schedules, differences from a saved plan — beside it.
      const { draft, ...review } = await services.plans.preview(actor, file, options);
      return { ...draft, review };
    }
    const { plan, revision, preview } = await services.plans.import(actor, file, options);
    return reply.status(201).send({ plan, revision, unmatched: preview.unmatched, needsReview: preview.needsReview, warnings: preview.warnings });
  });
}
