import type { DirectoryPathChange } from '@xb/service-kit';
import type { EntityManager } from 'typeorm';

const under = (column: string) => `${column} LIKE $1 || '%'`;

/**
 * Inspections and rectifications keep copies of org paths (the outlet's, the owner's) for
 * indexed subtree scans; when the directory replica sees a unit move, this rewrites them in
 * the replica's transaction, so scope and the analysis follow the unit at once.
 */
export async function rewriteInspectionPaths(m: EntityManager, change: DirectoryPathChange): Promise<void> {
  const args = [change.oldPath, change.newPath];
  await m.query(`UPDATE inspection SET outlet_path = $2 || substr(outlet_path, length($1) + 1) WHERE ${under('outlet_path')}`, args);
  await m.query(`UPDATE rectification SET owner_path = $2 || substr(owner_path, length($1) + 1) WHERE ${under('owner_path')}`, args);
}
