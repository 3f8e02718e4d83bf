import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Competition rounds 轮次 (初赛 → 复赛 → 决赛): a competition may follow a published earlier
 * round, and only the top `qualify_top` of that round's leaderboard (ties at the cut included)
 * may start it.
 */
export class CompetitionRounds1795800000000 implements MigrationInterface {
  name = 'CompetitionRounds1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exam ADD COLUMN previous_round_id uuid REFERENCES exam(id), ADD COLUMN qualify_top int CHECK (qualify_top >= 1)`);
    await q.query(`ALTER TABLE exam ADD CONSTRAINT exam_round_pair CHECK ((previous_round_id IS NULL) = (qualify_top IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exam DROP CONSTRAINT exam_round_pair, DROP COLUMN qualify_top, DROP COLUMN previous_round_id`);
  }
}
