import { createDirectoryTables, createEventTables, dropDirectoryTables, dropEventTables } from '@xb/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The training schema: the kit's outbox and directory replica; the versioned question bank;
 * exams with fixed questions or draw rules; attempts whose drawn paper (question versions,
 * opaque option ids, the seed) is stored at start; per-exam key fixes; grants (extra time or
 * attempts); training sessions and attendance (the hours ledger).
 */
export class Init1795694953464 implements MigrationInterface {
  name = 'Init1795694953464';

  async up(q: QueryRunner): Promise<void> {
    await createEventTables(q);
    await createDirectoryTables(q);
    await q.query(`
      CREATE TABLE question (
        id uuid PRIMARY KEY,
        version int NOT NULL DEFAULT 1,
        type text NOT NULL CHECK (type IN ('single','multiple','true_false')),
        stem text NOT NULL,
        options jsonb NOT NULL DEFAULT '[]',
        correct jsonb NOT NULL,
        explanation text,
        tags text[] NOT NULL DEFAULT '{}',
        difficulty smallint NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
        regulation text,
        status text NOT NULL CHECK (status IN ('draft','active','retired')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX question_tags_idx ON question USING gin (tags)`);
    // Every version an attempt may draw, frozen once used (question.version is the current one).
    await q.query(`
      CREATE TABLE question_version (
        question_id uuid NOT NULL REFERENCES question(id),
        version int NOT NULL,
        type text NOT NULL,
        stem text NOT NULL,
        options jsonb NOT NULL,
        correct jsonb NOT NULL,
        explanation text,
        used boolean NOT NULL DEFAULT false,
        PRIMARY KEY (question_id, version)
      )`);
    await q.query(`
      CREATE TABLE exam (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('practice','exam','competition')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
        org_unit_id uuid NOT NULL,
        org_path text NOT NULL CHECK (org_path LIKE '/%/'),
        questions jsonb NOT NULL DEFAULT '[]',
        draw_rules jsonb NOT NULL DEFAULT '[]',
        time_limit_minutes int NOT NULL CHECK (time_limit_minutes > 0),
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        make_up_until timestamptz,
        pass_percent numeric(5,2) NOT NULL,
        attempts_allowed int NOT NULL CHECK (attempts_allowed > 0),
        grading_method text NOT NULL,
        multiple_policy text NOT NULL DEFAULT 'partial_no_wrong',
        shuffle_questions boolean NOT NULL DEFAULT true,
        shuffle_options boolean NOT NULL DEFAULT true,
        review_after_submit text NOT NULL,
        review_after_close text NOT NULL,
        audience_unit_ids uuid[] NOT NULL DEFAULT '{}',
        audience_roles text[] NOT NULL DEFAULT '{}',
        round int,
        published_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_at > opens_at)
      )`);
    await q.query(`
      CREATE TABLE attempt (
        id uuid PRIMARY KEY,
        exam_id uuid NOT NULL REFERENCES exam(id),
        user_id uuid NOT NULL,
        username text NOT NULL,
        org_unit_id uuid NOT NULL,
        org_path text NOT NULL,
        number int NOT NULL,
        status text NOT NULL CHECK (status IN ('in_progress','submitted')),
        seed bigint NOT NULL,
        started_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        finished_at timestamptz,
        submitted_by text CHECK (submitted_by IN ('taker','deadline')),
        last_seq int NOT NULL DEFAULT 0,
        score numeric(8,2),
        max_score numeric(8,2),
        percent numeric(5,2),
        passed boolean,
        UNIQUE (exam_id, user_id, number)
      )`);
    // One attempt in progress per taker and exam, whatever races.
    await q.query(`CREATE UNIQUE INDEX attempt_one_open_idx ON attempt (exam_id, user_id) WHERE status = 'in_progress'`);
    // The deadline sweep reads only open attempts by deadline.
    await q.query(`CREATE INDEX attempt_open_deadline_idx ON attempt (deadline_at) WHERE status = 'in_progress'`);
    await q.query(`CREATE INDEX attempt_exam_idx ON attempt (exam_id, status)`);
    await q.query(`CREATE INDEX attempt_user_idx ON attempt (user_id)`);
    await q.query(`
      CREATE TABLE attempt_item (
        attempt_id uuid NOT NULL REFERENCES attempt(id),
        slot int NOT NULL,
        question_id uuid NOT NULL,
        version int NOT NULL,
        points numeric(6,2) NOT NULL,
        option_ids text[] NOT NULL DEFAULT '{}',
        option_keys text[] NOT NULL DEFAULT '{}',
        answer jsonb,
        saved_seq int,
        saved_at timestamptz,
        score numeric(6,2),
        outcome text,
        PRIMARY KEY (attempt_id, slot),
        FOREIGN KEY (question_id, version) REFERENCES question_version (question_id, version)
      )`);
    await q.query(`CREATE INDEX attempt_item_question_idx ON attempt_item (question_id)`);
    await q.query(`
      CREATE TABLE exam_key_fix (
        exam_id uuid NOT NULL REFERENCES exam(id),
        question_id uuid NOT NULL,
        correct jsonb,
        voided boolean NOT NULL DEFAULT false,
        reason text NOT NULL,
        fixed_by uuid NOT NULL,
        fixed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (exam_id, question_id)
      )`);
    await q.query(`
      CREATE TABLE exam_grant (
        id uuid PRIMARY KEY,
        exam_id uuid NOT NULL REFERENCES exam(id),
        user_id uuid NOT NULL,
        extra_minutes int NOT NULL DEFAULT 0,
        extra_attempts int NOT NULL DEFAULT 0,
        reason text NOT NULL,
        granted_by uuid NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX exam_grant_user_idx ON exam_grant (exam_id, user_id)`);
    // The exam's record: publish, grants, key fixes, regrades (时间线).
    await q.query(`
      CREATE TABLE exam_timeline (
        id bigserial PRIMARY KEY,
        exam_id uuid NOT NULL REFERENCES exam(id),
        action text NOT NULL,
        actor_id uuid NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE training_session (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        trainer_id uuid NOT NULL,
        trainer_name text NOT NULL,
        org_unit_id uuid NOT NULL,
        org_path text NOT NULL,
        audience_unit_ids uuid[] NOT NULL DEFAULT '{}',
        audience_roles text[] NOT NULL DEFAULT '{}',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        venue text,
        online boolean NOT NULL,
        hours numeric(4,1) NOT NULL,
        check_in_code text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    // Hours are credited once per person and session: the primary key.
    await q.query(`
      CREATE TABLE session_attendance (
        session_id uuid NOT NULL REFERENCES training_session(id),
        user_id uuid NOT NULL,
        username text NOT NULL,
        org_unit_id uuid NOT NULL,
        org_path text NOT NULL,
        method text NOT NULL CHECK (method IN ('code','trainer')),
        hours numeric(4,1) NOT NULL,
        recorded_by uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['session_attendance', 'training_session', 'exam_timeline', 'exam_grant', 'exam_key_fix', 'attempt_item', 'attempt', 'exam', 'question_version', 'question']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await dropDirectoryTables(q);
    await dropEventTables(q);
  }
}
