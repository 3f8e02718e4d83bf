import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quarter roll-ups per outlet for the analysis of whole quarters (analysis/rollup.ts). They are
 * filled from the visits already reviewed by the next migration, which adds the rectification
 * columns the shared `rebuildRollups` writes.
 */
export class QuarterRollups1796000000200 implements MigrationInterface {
  name = 'QuarterRollups1796000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspection_rollup (
        outlet_id uuid NOT NULL, quarter text NOT NULL, visits int NOT NULL, achieved double precision NOT NULL, possible double precision NOT NULL,
        judged int NOT NULL, passed int NOT NULL, red_line int NOT NULL, PRIMARY KEY (outlet_id, quarter))`);
    await q.query(`
      CREATE TABLE inspection_rollup_dimension (
        outlet_id uuid NOT NULL, quarter text NOT NULL, dimension_key text NOT NULL, achieved double precision NOT NULL, possible double precision NOT NULL,
        PRIMARY KEY (outlet_id, quarter, dimension_key))`);
    await q.query(`
      CREATE TABLE inspection_rollup_item (
        outlet_id uuid NOT NULL, quarter text NOT NULL, item_key text NOT NULL, achieved double precision NOT NULL, possible double precision NOT NULL,
        failures int NOT NULL, PRIMARY KEY (outlet_id, quarter, item_key))`);
    await q.query(`CREATE INDEX rectification_inspection_idx ON rectification (inspection_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rectification_inspection_idx`);
    await q.query(`DROP TABLE inspection_rollup, inspection_rollup_dimension, inspection_rollup_item`);
  }
}
