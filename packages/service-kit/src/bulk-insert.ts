import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A JSON-ready value for one column, as PostgreSQL's input function for the column's type
 * reads it from `jsonb_populate_recordset`: bytea as `\x` hex, dates as ISO instants,
 * arrays and objects as JSON (arrays become SQL arrays, objects stay jsonb).
 */
function jsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export interface InsertManyOptions {
  /** `ON CONFLICT DO NOTHING`: rows that would break a unique constraint are skipped (and not returned). */
  skipConflicts?: boolean;
  /** Columns (database names) to return for each inserted row; defaults to the primary key. */
  returning?: string[];
}

/**
 * Inserts many entities in ONE statement, whatever their number: the rows travel as one
 * jsonb parameter and `jsonb_populate_recordset` turns them into the table's row type.
 * One round trip and no per-row SQL building, where TypeORM's insert builder spends
 * most of an intake's CPU. Column values go through the entity's transformers; columns
 * the entity leaves undefined and the database fills (created_at, a default) are left
 * out, so their defaults apply.
 */
export async function insertMany<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entities: readonly T[],
  options: InsertManyOptions = {},
): Promise<Record<string, unknown>[]> {
  if (!entities.length) return [];
  const meta = manager.connection.getMetadata(target);
  const columns = meta.columns.filter((c) => !c.isVirtual && entities.some((e) => c.getEntityValue(e) !== undefined));
  const rows = entities.map((e) => {
    const row: Record<string, unknown> = {};
    for (const c of columns) {
      let v = c.getEntityValue(e);
      if (c.transformer && v !== undefined && v !== null) {
        for (const t of Array.isArray(c.transformer) ? c.transformer : [c.transformer]) v = t.to(v);
      }
      row[c.databaseName] = jsonValue(v);
    }
    return row;
  });
  const table = meta.tablePath.split('.').map(quote).join('.');
  const list = columns.map((c) => quote(c.databaseName)).join(', ');
  const returning = (options.returning ?? meta.primaryColumns.map((c) => c.databaseName)).map(quote).join(', ');
  const sql =
    `INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)` +
    (options.skipConflicts ? ' ON CONFLICT DO NOTHING' : '') +
    ` RETURNING ${returning}`;
  return (await manager.query(sql, [JSON.stringify(rows)])) as Record<string, unknown>[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
