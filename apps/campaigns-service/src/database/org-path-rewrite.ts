import type { DirectoryPathChange } from '@xb/service-kit';
import type { EntityManager } from 'typeorm';

const under = (column: string) => `${column} LIKE $1 || '%'`;

/**
 * Campaigns, activities and the totals roll-ups keep copies of their unit's path (subtree scans for scope and
 * totals); when a unit moves, the directory replica calls this in its transaction so every
 * copy under the old prefix follows at once.
 */
export async function rewriteCampaignOrgPaths(m: EntityManager, change: DirectoryPathChange): Promise<void> {
  const args = [change.oldPath, change.newPath];
  await m.query(`UPDATE campaign SET org_path = $2 || substr(org_path, length($1) + 1) WHERE ${under('org_path')}`, args);
  await m.query(`UPDATE campaign_activity SET org_path = $2 || substr(org_path, length($1) + 1) WHERE ${under('org_path')}`, args);
  // The totals roll-ups (the activities' update above nets out to nothing in them).
  for (const table of ['campaign_rollup', 'campaign_staff_rollup']) await m.query(`UPDATE ${table} SET org_path = $2 || substr(org_path, length($1) + 1) WHERE ${under('org_path')}`, args);
}
