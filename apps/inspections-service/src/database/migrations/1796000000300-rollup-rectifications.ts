import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildRollups } from '../../analysis/rollup.js';

/**
 * The roll-ups also count the rectifications of their visits (opened, verified, verified on
 * time) and the template versions used, so the analysis of whole quarters reads nothing but
 * roll-ups. Then every roll-up is rebuilt from the visits.
 */
export class RollupRectifications1796000000300 implements MigrationInterface {
  name = 'RollupRectifications1796000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE inspection_rollup
        ADD COLUMN rect_opened int NOT NULL DEFAULT 0,
        ADD COLUMN rect_verified int NOT NULL DEFAULT 0,
        ADD COLUMN rect_on_time int NOT NULL DEFAULT 0,
        ADD COLUMN template_ids uuid[] NOT NULL DEFAULT '{}'`);
    await rebuildRollups(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inspection_rollup DROP COLUMN rect_opened, DROP COLUMN rect_verified, DROP COLUMN rect_on_time, DROP COLUMN template_ids`);
  }
}
