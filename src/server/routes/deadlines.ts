import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { validationError } from '../../domain/errors.js';
import { isValidWindow, parseDeadline } from '../../domain/schedule/index.js';
import { IsoDate } from '../schemas/common.js';

/** At most this many texts per request, each at most this long (a deadline cell is a line or two). */
const MAX_TEXTS = 1000;
const MAX_TEXT_LENGTH = 500;

const ParseDeadlinesBody = Type.Object(
  {
    texts: Type.Array(Type.String({ maxLength: MAX_TEXT_LENGTH }), { maxItems: MAX_TEXTS, description: 'Thời hạn ghi bằng tiếng Việt' }),
    from: IsoDate,
    to: IsoDate,
  },
  { additionalProperties: false },
);
type ParseDeadlinesBody = Static<typeof ParseDeadlinesBody>;

/**
 * `POST /deadlines/parse {texts, from, to}` → `{results: Schedule[]}`: the deadline grammar over HTTP,
 * for the import preview and the plan editor.
 *
 * Any signed-in user may parse (the route is closed to strangers like every route): it reads no data,
 * writes nothing and reveals nothing about any unit, so no policy rule is needed. The grammar is pure
 * computation in the domain, so there is no service in between.
 */
export async function deadlineRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: ParseDeadlinesBody }>(
    '/deadlines/parse',
    {
      schema: { tags: ['deadlines'], summary: 'Đọc thời hạn tiếng Việt thành ngày đến hạn', body: ParseDeadlinesBody },
      // 1,000 texts of up to 500 characters, mostly 2-3 bytes each in UTF-8, exceed the default 1 MB.
      bodyLimit: 2 * 1024 * 1024,
    },
    async (request) => {
      const { texts, from, to } = request.body;
      const window = { from, to };
      if (!isValidWindow(window)) {
        throw validationError(
          'invalid_window',
          `Kỳ kế hoạch không hợp lệ: «${from}» – «${to}». Hai ngày phải có thật (YYYY-MM-DD) và ngày đầu không sau ngày cuối.`,
        );
      }
      return { results: texts.map((text) => parseDeadline(text, window)) };
    },
  );
}
