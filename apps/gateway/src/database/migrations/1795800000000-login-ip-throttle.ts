import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins per client address in a fixed window, shared by every gateway instance:
 * the per-account lockout stops guessing one password, this stops one address trying a
 * few passwords on many accounts (password spraying).
 */
export class LoginIpThrottle1795800000000 implements MigrationInterface {
  name = 'LoginIpThrottle1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_ip_failure (
        ip text PRIMARY KEY,
        failures int NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS login_ip_failure`);
  }
}
