import type { EntityManager } from 'typeorm';

/** TypeORM answers an UPDATE/DELETE with [rows, affected]: the RETURNING rows of one. */
export async function updateReturning<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await m.query(sql, params)) as unknown;
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
