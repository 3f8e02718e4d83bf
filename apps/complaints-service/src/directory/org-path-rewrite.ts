import type { DirectoryPathChange } from '@xb/service-kit';
import type { EntityManager } from 'typeorm';
import { COMPACT_LOCK } from '../analysis/stats-compactor.js';

const under = (column: string) => `${column} LIKE $1 || '%'`;
const moved = (column: string) => `${column} = CASE WHEN ${under(column)} THEN $2 || substr(${column}, length($1) + 1) ELSE ${column} END`;

/**
 * The complaints service keeps copies of org paths on its rows (intake unit, handling unit,
 * escalation target, the analysis roll-up) so that "this unit and everything below it" is
 * one indexed prefix scan. When the directory replica sees a unit's path change (a move),
 * this rewrites every copy under the old prefix in the replica's transaction: scope and
 * analysis follow the unit at once, and the complaint versions do not change (a move is
 * not an edit of the complaint).
 *
 * The roll-up compaction folds the change log into the daily table with the paths it read;
 * taking its lock first means a compaction either finished before (its rows are rewritten
 * here) or starts after this commits (and reads the new paths).
 */
export async function rewriteComplaintOrgPaths(m: EntityManager, change: DirectoryPathChange): Promise<void> {
  const args = [change.oldPath, change.newPath];
  await m.query('SELECT pg_advisory_xact_lock($1)', [COMPACT_LOCK]);
  await m.query(
    `UPDATE complaint SET ${moved('org_path')}, ${moved('assigned_unit_path')}, ${moved('escalated_to_unit_path')}
      WHERE ${under('org_path')} OR ${under('assigned_unit_path')} OR ${under('escalated_to_unit_path')}`,
    args,
  );
  await m.query(`UPDATE complaint_daily_stats SET org_path = $2 || substr(org_path, length($1) + 1) WHERE ${under('org_path')}`, args);
  await m.query(`UPDATE complaint_stats_delta SET org_path = $2 || substr(org_path, length($1) + 1) WHERE ${under('org_path')}`, args);
}
