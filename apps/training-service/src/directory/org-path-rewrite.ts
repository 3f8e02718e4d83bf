import type { DirectoryPathChange } from '@xb/service-kit';
import type { EntityManager } from 'typeorm';

/** A moved unit: every copy of an org path under the old prefix follows it, in the replica's transaction. */
export async function rewriteTrainingOrgPaths(m: EntityManager, change: DirectoryPathChange): Promise<void> {
  for (const table of ['exam', 'attempt', 'training_session', 'session_attendance']) {
    await m.query(`UPDATE ${table} SET org_path = $2 || substr(org_path, length($1) + 1) WHERE org_path LIKE $1 || '%'`, [change.oldPath, change.newPath]);
  }
}
