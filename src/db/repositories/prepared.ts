import type { CompiledQuery, Compilable, Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * A typed query built and compiled by Kysely once per engine, then run with new parameter values. For the
 * short queries of every request (authentication, a report write's reads), building the query, the
 * CamelCase transform and compiling it cost more CPU than running it. The query is built with a marker in
 * place of each argument; the compiled parameters that are markers take the arguments' values on each run,
 * the others (constants of the query) stay. The SQL text never changes (and stays a prepared statement).
 */
export class PreparedQuery<Args extends Record<string, string | number | null>, Row> {
  private readonly compiled = new Map<unknown, { query: CompiledQuery<Row>; slots: Array<keyof Args | undefined> }>();

  constructor(private readonly build: (db: Kysely<Database>, args: Args) => Compilable<Row>) {}

  async execute(db: Kysely<Database>, args: Args): Promise<Row[]> {
    const engine = db.getExecutor().adapter.constructor;
    let entry = this.compiled.get(engine);
    if (!entry) {
      const markers = new Map<string, keyof Args>();
      const placeholders: Record<string, string> = {};
      for (const name of Object.keys(args)) {
        const marker = `\u0000prepared-argument:${name}`;
        markers.set(marker, name);
        placeholders[name] = marker;
      }
      const query = this.build(db, placeholders as unknown as Args).compile();
      const slots = query.parameters.map((p) => (typeof p === 'string' ? markers.get(p) : undefined));
      if (slots.filter((s) => s !== undefined).length !== markers.size) throw new Error('PreparedQuery: each argument must appear exactly once as a parameter');
      entry = { query, slots };
      this.compiled.set(engine, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((p, i) => (slots[i] === undefined ? p : args[slots[i]!]));
    return (await db.executeQuery<Row>({ query: query.query, queryId: query.queryId, sql: query.sql, parameters })).rows;
  }
}
