import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import type { RoundDocument } from '../../services/consolidation-service.js';
import { authOf } from '../plugins/auth.js';
import { IdParams } from '../schemas/common.js';
import { contentDisposition } from './plan-export.js';

type Id = { id: number };

/**
 * GET /rounds/:id/consolidation (the rollups as JSON), and the round's documents:
 * /rounds/:id/consolidated.docx, /rounds/:id/consolidated.xlsx, /rounds/:id/urging.docx.
 */
export async function consolidationRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Params: Id }>('/rounds/:id/consolidation', { schema: { tags: ['reporting'], params: IdParams } }, async (request) =>
    services.consolidation.consolidate(authOf(request).actor, request.params.id),
  );
  const documents: Array<[RoundDocument, string]> = [
    ['consolidated.docx', 'Báo cáo tổng hợp đợt báo cáo (.docx)'],
    ['consolidated.xlsx', 'Bảng tổng hợp đợt báo cáo (.xlsx)'],
    ['urging.docx', 'Văn bản đôn đốc báo cáo (.docx)'],
  ];
  for (const [which, summary] of documents) {
    app.get<{ Params: Id }>(`/rounds/:id/${which}`, { schema: { tags: ['reporting'], summary, params: IdParams } }, async (request, reply) => {
      const file = await services.consolidation.document(authOf(request).actor, request.params.id, which);
      return reply
        .type(file.mime)
        .header('Content-Disposition', contentDisposition(file.name))
        .header('Cache-Control', 'no-store')
        .send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
    });
  }
}
