import type { MigrationInterface, QueryRunner } from 'typeorm';

const UNIT_FIELDS = ['code', 'name', 'type', 'parent_id', 'path', 'depth'];
const USER_FIELDS = ['username', 'display_name', 'org_unit_id', 'roles', 'active'];
const changed = (fields: string[]) => `(${fields.map((f) => `OLD.${f}`).join(', ')}) IS DISTINCT FROM (${fields.map((f) => `NEW.${f}`).join(', ')})`;

/**
 * Directory versions: every insert of a unit or user, and every update of a field that
 * replicas hold, draws the next number of one sequence. Events and snapshot rows carry it,
 * so a replica can tell newer news from older (a login's failed_logins bump draws none).
 */
export class DirectoryVersions1795900000000 implements MigrationInterface {
  name = 'DirectoryVersions1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE directory_version_seq`);
    for (const table of ['org_unit', 'app_user']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN version bigint NOT NULL DEFAULT nextval('directory_version_seq')`);
    }
    await q.query(`
      CREATE FUNCTION directory_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := nextval('directory_version_seq');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER org_unit_version BEFORE UPDATE ON org_unit FOR EACH ROW WHEN (${changed(UNIT_FIELDS)}) EXECUTE FUNCTION directory_version_bump()`);
    await q.query(`CREATE TRIGGER app_user_version BEFORE UPDATE ON app_user FOR EACH ROW WHEN (${changed(USER_FIELDS)}) EXECUTE FUNCTION directory_version_bump()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER app_user_version ON app_user`);
    await q.query(`DROP TRIGGER org_unit_version ON org_unit`);
    await q.query(`DROP FUNCTION directory_version_bump()`);
    for (const table of ['org_unit', 'app_user']) await q.query(`ALTER TABLE ${table} DROP COLUMN version`);
    await q.query(`DROP SEQUENCE directory_version_seq`);
  }
}
