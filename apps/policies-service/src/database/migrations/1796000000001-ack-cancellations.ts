import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cancelled acknowledgement tasks 阅知任务取消记录. Tasks are computed, never stored (the
 * audience is read live from the directory replica), so a task that stops being asked for
 * used to vanish without a trace. Now each cancellation leaves a row — who, which version,
 * why, when — written in the transaction that cancels it:
 *  - `left_audience`: the user moved to a unit outside the audience, lost the audience role,
 *    was deactivated or deleted (the trigger below, in the replica's transaction), their unit
 *    moved out of it (the replica's onPathChanged hook), or the document's audience was narrowed;
 *  - `superseded`: a material version replaced the one they had not yet read (publication);
 *  - `retired`: the version was retired without a successor;
 *  - `not_required`: the document stopped asking for acknowledgement.
 */
export class AckCancellations1796000000001 implements MigrationInterface {
  name = 'AckCancellations1796000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policy_ack_cancellation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES policy_document (id),
        version_id uuid NOT NULL REFERENCES policy_version (id),
        basis_id uuid NOT NULL,
        user_id uuid NOT NULL,
        username text NOT NULL,
        display_name text NOT NULL,
        org_unit_id uuid NOT NULL,
        reason text NOT NULL CHECK (reason IN ('left_audience', 'superseded', 'retired', 'not_required')),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX policy_ack_cancellation_version ON policy_ack_cancellation (version_id, at)`);
    await q.query(`CREATE INDEX policy_ack_cancellation_basis ON policy_ack_cancellation (basis_id, user_id)`);
    // Whether a user (their unit, roles, and whether they are live) is in an audience (units with their subtrees, roles: none named = all).
    await q.query(`
      CREATE FUNCTION policy_in_audience(audience_units uuid[], audience_roles text[], unit uuid, roles text[], live boolean) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT live AND (cardinality(audience_roles) = 0 OR roles && audience_roles)
           AND EXISTS (SELECT 1 FROM directory_org_unit o JOIN directory_org_unit a ON a.id = ANY(audience_units) AND NOT a.deleted AND o.path LIKE a.path || '%'
                        WHERE o.id = unit AND NOT o.deleted)
      $$`);
    // A replicated user change that takes someone out of a document's audience before they read its version in force.
    await q.query(`
      CREATE FUNCTION policy_ack_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_ack_cancellation (document_id, version_id, basis_id, user_id, username, display_name, org_unit_id, reason)
        SELECT d.id, v.id, v.ack_basis_id, OLD.id, OLD.username, OLD.display_name, OLD.org_unit_id, 'left_audience'
          FROM policy_document d JOIN policy_version v ON v.id = d.current_version_id AND v.status = 'published'
         WHERE d.requires_ack
           AND policy_in_audience(d.audience_unit_ids, d.audience_roles, OLD.org_unit_id, OLD.roles, OLD.active AND NOT OLD.deleted)
           AND NOT policy_in_audience(d.audience_unit_ids, d.audience_roles, NEW.org_unit_id, NEW.roles, NEW.active AND NOT NEW.deleted)
           AND NOT EXISTS (SELECT 1 FROM policy_ack k WHERE k.basis_id = v.ack_basis_id AND k.user_id = OLD.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER policy_ack_user_changed AFTER UPDATE ON directory_user FOR EACH ROW
        WHEN (OLD.org_unit_id IS DISTINCT FROM NEW.org_unit_id OR OLD.roles IS DISTINCT FROM NEW.roles OR OLD.active IS DISTINCT FROM NEW.active OR OLD.deleted IS DISTINCT FROM NEW.deleted)
        EXECUTE FUNCTION policy_ack_user_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS policy_ack_user_changed ON directory_user`);
    await q.query(`DROP FUNCTION IF EXISTS policy_ack_user_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS policy_in_audience(uuid[], text[], uuid, text[], boolean)`);
    await q.query(`DROP TABLE IF EXISTS policy_ack_cancellation`);
  }
}
