import type { EntityManager } from 'typeorm';

/** TypeORM answers an UPDATE/DELETE with [rows, affected]: the RETURNING rows of one. */
export async function updateReturning<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await m.query(sql, params)) as unknown;
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/**
 * The audience of an exam or session as SQL: active people of the directory replica (`p`,
 * their unit `u`) within the reader's `scope`, in one of `unitIds` (with subtrees; none = the
 * whole bank) and holding one of `roles` (none = any). The arguments are SQL expressions
 * (parameters or columns), so a list read and a per-exam count share the one rule.
 */
export const audienceSql = (unitIds: string, roles: string, scope: string): string =>
  `FROM directory_user p JOIN directory_org_unit u ON u.id = p.org_unit_id
    WHERE NOT p.deleted AND p.active AND u.path LIKE ${scope} || '%'
      AND (cardinality(${unitIds}) = 0 OR EXISTS (SELECT 1 FROM directory_org_unit a WHERE a.id = ANY(${unitIds}) AND NOT a.deleted AND u.path LIKE a.path || '%'))
      AND (cardinality(${roles}) = 0 OR p.roles && ${roles})`;
