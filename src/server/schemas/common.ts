import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
/**
 * A value or null. A scalar schema becomes `type: [T, "null"]`, not `anyOf: [T, null]`: with the server's
 * `coerceTypes`, ajv would try the first branch of the anyOf first and turn a null into 0 or "" (a
 * `progress: null` was stored as 0).
 */
export const Nullable = <T extends TSchema>(schema: T) =>
  typeof schema.type === 'string' && schema.type !== 'object' && schema.type !== 'array' && schema.type !== 'null'
    ? Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] })
    : Type.Union([schema, Type.Null()]);
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

/** The version a client last saw, from `If-Match: "3"` (or W/"3"); undefined when absent. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return m ? Number(m[1]) : undefined;
}
