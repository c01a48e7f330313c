import type { FastifyInstance } from 'fastify';
import { foldDiacritics } from '../../domain/text/normalize.js';
import type { Services } from '../../services/index.js';
import type { ExportFormat } from '../../services/plan-export-service.js';
import { authOf } from '../plugins/auth.js';
import { IdParams } from '../schemas/common.js';

type Id = { id: number };

/** `attachment` with an ASCII name for old clients and the Vietnamese name (RFC 5987/6266) for the others. */
export function contentDisposition(name: string): string {
  const ascii = foldDiacritics(name).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** GET /plans/:id/export.docx and /plans/:id/export.xlsx: the plan in the appendix table layout. */
export async function planExportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const format of ['docx', 'xlsx'] as const satisfies readonly ExportFormat[]) {
    app.get<{ Params: Id }>(
      `/plans/:id/export.${format}`,
      {
        schema: {
          tags: ['plans'],
          summary: format === 'docx' ? 'Xuất kế hoạch ra Word (.docx)' : 'Xuất kế hoạch ra Excel (.xlsx)',
          params: IdParams,
        },
      },
      async (request, reply) => {
        const file = await services.planExport.exportFile(authOf(request).actor, request.params.id, format);
        return reply
          .type(file.mime)
          .header('Content-Disposition', contentDisposition(file.name))
          .header('Cache-Control', 'no-store')
          .send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
      },
    );
  }
}
