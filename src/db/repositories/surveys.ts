import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, SurveyCommentTable, SurveyResponseTable, SurveyTable } from '../schema.js';

export type SurveyRow = Selectable<SurveyTable>;
export type NewSurveyRow = Insertable<SurveyTable>;
export type SurveyUpdate = Updateable<SurveyTable>;
export type SurveyResponseRow = Selectable<SurveyResponseTable>;
export type SurveyCommentRow = Selectable<SurveyCommentTable>;
export type SurveyCommentStatus = SurveyCommentRow['status'];

/** A survey with its unit's name (lists and public pages). */
export type NamedSurveyRow = SurveyRow & { unitName: string };

const CHUNK = 500;

/** Surveys, their responses and their free-text answers awaiting moderation. */
export class SurveyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: NewSurveyRow): Promise<SurveyRow> {
    return this.db.insertInto('surveys').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async get(id: number): Promise<NamedSurveyRow | undefined> {
    return this.db.selectFrom('surveys').innerJoin('units', 'units.id', 'surveys.unitId').selectAll('surveys').select('units.name as unitName').where('surveys.id', '=', id).executeTakeFirst();
  }

  /** Updates the row only if it is still at `version` and in one of `statuses`; bumps the version. */
  async update(id: number, version: number, patch: SurveyUpdate, statuses: readonly SurveyRow['status'][]): Promise<SurveyRow | undefined> {
    return this.db
      .updateTable('surveys')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', 'in', [...statuses])
      .returningAll()
      .executeTakeFirst();
  }

  /** Surveys of some units (undefined: every unit), newest first. */
  async list(unitIds: readonly number[] | undefined, status?: SurveyRow['status']): Promise<NamedSurveyRow[]> {
    if (unitIds !== undefined && unitIds.length === 0) return [];
    let q = this.db.selectFrom('surveys').innerJoin('units', 'units.id', 'surveys.unitId').selectAll('surveys').select('units.name as unitName');
    if (status) q = q.where('surveys.status', '=', status);
    if (unitIds !== undefined && unitIds.length <= CHUNK) q = q.where('surveys.unitId', 'in', [...unitIds]);
    const rows = await q.orderBy('surveys.updatedAt', 'desc').orderBy('surveys.id', 'desc').execute();
    if (unitIds !== undefined && unitIds.length > CHUNK) {
      const allowed = new Set(unitIds);
      return rows.filter((r) => allowed.has(r.unitId));
    }
    return rows;
  }

  /** Published surveys whose period holds `today` (YYYY-MM-DD), newest first. */
  async listOpen(today: string): Promise<NamedSurveyRow[]> {
    return this.db
      .selectFrom('surveys')
      .innerJoin('units', 'units.id', 'surveys.unitId')
      .selectAll('surveys')
      .select('units.name as unitName')
      .where('surveys.status', '=', 'published')
      .where('surveys.opensOn', '<=', today)
      .where('surveys.closesOn', '>=', today)
      .orderBy('surveys.opensOn', 'desc')
      .orderBy('surveys.id', 'desc')
      .execute();
  }

  /** Published or closed surveys whose period has started: their results are public. */
  async listWithResults(today: string): Promise<NamedSurveyRow[]> {
    return this.db
      .selectFrom('surveys')
      .innerJoin('units', 'units.id', 'surveys.unitId')
      .selectAll('surveys')
      .select('units.name as unitName')
      .where('surveys.status', 'in', ['published', 'closed'])
      .where('surveys.opensOn', '<=', today)
      .orderBy('surveys.opensOn', 'desc')
      .orderBy('surveys.id', 'desc')
      .execute();
  }

  // ---- responses ----------------------------------------------------------------------------

  /** Inserts an answer; undefined when this session has already answered (the unique key). */
  async insertResponse(row: Insertable<SurveyResponseTable>): Promise<SurveyResponseRow | undefined> {
    return this.db
      .insertInto('surveyResponses')
      .values(row)
      .onConflict((oc) => oc.columns(['surveyId', 'sessionHash']).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  async hasResponse(surveyId: number, sessionHash: string): Promise<boolean> {
    const row = await this.db.selectFrom('surveyResponses').select('id').where('surveyId', '=', surveyId).where('sessionHash', '=', sessionHash).executeTakeFirst();
    return row !== undefined;
  }

  /** Every answer of a survey, oldest first (aggregation and exports). */
  async responses(surveyId: number): Promise<Array<Pick<SurveyResponseRow, 'id' | 'answers' | 'submittedAt'>>> {
    return this.db.selectFrom('surveyResponses').select(['id', 'answers', 'submittedAt']).where('surveyId', '=', surveyId).orderBy('id').execute();
  }

  async responseCounts(surveyIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (let i = 0; i < surveyIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('surveyResponses')
        .select(['surveyId', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('surveyId', 'in', surveyIds.slice(i, i + CHUNK))
        .groupBy('surveyId')
        .execute();
      for (const r of rows) out.set(r.surveyId, Number(r.n));
    }
    return out;
  }

  // ---- free-text answers --------------------------------------------------------------------

  async insertComments(rows: Insertable<SurveyCommentTable>[]): Promise<void> {
    if (rows.length > 0) await this.db.insertInto('surveyComments').values(rows).execute();
  }

  async comment(id: number): Promise<SurveyCommentRow | undefined> {
    return this.db.selectFrom('surveyComments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async comments(surveyId: number, status?: SurveyCommentStatus): Promise<SurveyCommentRow[]> {
    let q = this.db.selectFrom('surveyComments').selectAll().where('surveyId', '=', surveyId);
    if (status) q = q.where('status', '=', status);
    return q.orderBy('id').execute();
  }

  /** Sets a comment's moderation state; undefined when it is no longer in `from`. */
  async moderate(id: number, from: SurveyCommentStatus, to: SurveyCommentStatus, by: number | null, at: string): Promise<SurveyCommentRow | undefined> {
    return this.db
      .updateTable('surveyComments')
      .set({ status: to, moderatedBy: by, moderatedAt: at })
      .where('id', '=', id)
      .where('status', '=', from)
      .returningAll()
      .executeTakeFirst();
  }
}
