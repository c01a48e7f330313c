import type { Kysely, Selectable } from 'kysely';
import type { CalendarDayTable, Database } from '../schema.js';

export type CalendarDayRow = Selectable<CalendarDayTable>;

/** The working calendar's overrides (calendar_days). A cleared date keeps its row, with clearedAt set. */
export class CalendarRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Changes with every write: rows are never deleted and each write bumps a version, so the sum of
   * versions only grows. Lets a service keep the calendar between requests.
   */
  async revision(): Promise<string> {
    const row = await this.db
      .selectFrom('calendarDays')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('version').as('v')])
      .executeTakeFirstOrThrow();
    return `${Number(row.n)}:${Number(row.v ?? 0)}`;
  }

  /** Every override in force, by date. */
  async active(): Promise<CalendarDayRow[]> {
    return this.db.selectFrom('calendarDays').selectAll().where('clearedAt', 'is', null).orderBy('date').execute();
  }

  async get(date: string): Promise<CalendarDayRow | undefined> {
    return this.db.selectFrom('calendarDays').selectAll().where('date', '=', date).executeTakeFirst();
  }

  async insert(row: Omit<CalendarDayRow, 'clearedAt' | 'version'>): Promise<CalendarDayRow> {
    return this.db.insertInto('calendarDays').values({ ...row, clearedAt: null, version: 1 }).returningAll().executeTakeFirstOrThrow();
  }

  /** Updates the row if it still has `version`; undefined when someone changed it meanwhile. */
  async update(
    date: string,
    version: number,
    patch: Partial<Pick<CalendarDayRow, 'kind' | 'name' | 'note' | 'clearedAt' | 'updatedBy' | 'updatedAt'>>,
  ): Promise<CalendarDayRow | undefined> {
    return this.db
      .updateTable('calendarDays')
      .set({ ...patch, version: version + 1 })
      .where('date', '=', date)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  }
}
