import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, validationError } from '../../domain/errors.js';
import type { Services } from '../../services/index.js';
import { UNSUPPORTED_FILE_TYPE, type EvidenceFile, type EvidenceMeta } from '../../services/evidence-service.js';
import { errorBody } from '../errors.js';
import { authOf } from '../plugins/auth.js';
import { IdParams } from '../schemas/common.js';

type Id = { id: number };

const FIELDS = new Set(['taskId', 'docNumber', 'docDate', 'summary']);

/** Reads the evidence form: one file (over 20 MB the multipart limit answers 413) and its text fields. */
async function readEvidenceForm(request: FastifyRequest): Promise<{ file: EvidenceFile; taskId: number; meta: EvidenceMeta }> {
  let file: EvidenceFile | undefined;
  const raw: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (file) throw validationError('too_many_files', 'Mỗi lần chỉ tải lên một tệp minh chứng.');
      file = { bytes: new Uint8Array(await part.toBuffer()), name: part.filename || 'minh-chung' };
    } else if (FIELDS.has(part.fieldname)) {
      raw[part.fieldname] = String(part.value);
    }
  }
  if (!file) throw validationError('file_required', 'Chưa chọn tệp minh chứng (trường «file»).');
  const taskId = Number(raw.taskId);
  if (!raw.taskId || !Number.isInteger(taskId) || taskId < 1) throw validationError('invalid_input', 'Trường «taskId» phải là mã số nhiệm vụ (số nguyên dương).');
  return { file, taskId, meta: { docNumber: raw.docNumber ?? null, docDate: raw.docDate ?? null, summary: raw.summary ?? null } };
}

export async function evidenceRoutes(app: FastifyInstance, services: Services): Promise<void> {
  // multipart/form-data: file, taskId, and optional docNumber, docDate (YYYY-MM-DD), summary.
  app.post<{ Params: Id }>(
    '/reports/:id/evidence',
    { schema: { tags: ['reporting'], params: IdParams, consumes: ['multipart/form-data'] } },
    async (request, reply) => {
      const { actor } = authOf(request);
      const { file, taskId, meta } = await readEvidenceForm(request);
      try {
        const evidence = await services.evidence.attach(actor, request.params.id, taskId, file, meta);
        return reply.status(201).send(evidence);
      } catch (err) {
        if (err instanceof DomainError && err.code === UNSUPPORTED_FILE_TYPE) return reply.status(415).send(errorBody(err.code, err.message));
        throw err;
      }
    },
  );

  app.get<{ Params: Id }>('/evidence/:id/file', { schema: { tags: ['reporting'], params: IdParams } }, async (request, reply) => {
    const file = await services.evidence.download(authOf(request).actor, request.params.id);
    return reply
      .type(file.mime)
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .send(Buffer.from(file.content));
  });
}
