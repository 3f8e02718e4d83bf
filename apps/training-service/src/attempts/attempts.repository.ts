import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredItem } from './paper.js';

export interface AttemptRow {
  id: string;
  exam_id: string;
  user_id: string;
  username: string;
  org_unit_id: string;
  org_path: string;
  number: number;
  status: 'in_progress' | 'submitted';
  seed: string;
  started_at: Date;
  deadline_at: Date;
  finished_at: Date | null;
  submitted_by: 'taker' | 'deadline' | null;
  last_seq: number;
  score: string | null;
  max_score: string | null;
  percent: string | null;
  passed: boolean | null;
}

interface ItemRow {
  attempt_id: string;
  slot: number;
  question_id: string;
  points: string;
  type: StoredItem['type'];
  stem: string;
  options: StoredItem['options'];
  correct: StoredItem['correct'];
  explanation: string | null;
  option_ids: string[];
  option_keys: string[];
  answer: StoredItem['answer'];
  score: string | null;
  outcome: StoredItem['outcome'] | null;
}

const item = (r: ItemRow): StoredItem & { attemptId: string } => ({
  attemptId: r.attempt_id,
  slot: r.slot,
  questionId: r.question_id,
  points: Number(r.points),
  type: r.type,
  stem: r.stem,
  options: r.options,
  correct: r.correct,
  explanation: r.explanation,
  optionIds: r.option_ids,
  optionKeys: r.option_keys,
  answer: r.answer,
  score: r.score === null ? null : Number(r.score),
  outcome: r.outcome,
});

/** An attempt's taker and, per slot, what an answer must look like. */
export interface AttemptShape {
  userId: string;
  slots: Map<number, { type: StoredItem['type']; optionIds: string[] }>;
}

export type SaveOutcome =
  | { saved: true; savedAt: Date; deadlineAt: Date }
  | { saved: false; why: 'not-found' | 'submitted' | 'deadline' | 'raced' }
  | { saved: false; why: 'stale'; lastSeq: number };

export interface GradedItemUpdate {
  attemptId: string;
  slot: number;
  score: number;
  outcome: string;
}
export interface GradedAttemptUpdate {
  id: string;
  score: number;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
}

/** All SQL of attempts and their items. */
@Injectable()
export class AttemptsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Serialises starts of one taker on one exam (parallel starts with one attempt left make one). */
  async lockTaker(m: EntityManager, examId: string, userId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`training-start:${examId}:${userId}`]);
  }

  /**
   * The taker's rank on a round's leaderboard (each taker's best: score, then whole seconds
   * taken; ties share a rank, as the leaderboard shows them); undefined when they have no
   * finished attempt there.
   */
  async rankIn(m: EntityManager, examId: string, userId: string): Promise<number | undefined> {
    const [row] = (await m.query(
      `WITH best AS (
         SELECT DISTINCT ON (user_id) user_id, score, round(extract(epoch FROM coalesce(finished_at, deadline_at) - started_at)) AS secs
           FROM attempt WHERE exam_id = $1 AND status = 'submitted' AND score IS NOT NULL
          ORDER BY user_id, score DESC, secs
       ), ranked AS (SELECT user_id, rank() OVER (ORDER BY score DESC, secs) AS r FROM best)
       SELECT r::int AS r FROM ranked WHERE user_id = $2`,
      [examId, userId],
    )) as { r: number }[];
    return row?.r;
  }

  async takerAttempts(m: EntityManager | undefined, examId: string, userId: string): Promise<AttemptRow[]> {
    return (await (m ?? this.ds.manager).query(`SELECT * FROM attempt WHERE exam_id = $1 AND user_id = $2 ORDER BY number`, [examId, userId])) as AttemptRow[];
  }

  /**
   * The current versions of these questions, marked used (an edit from now on makes a new
   * version). Only versions not yet used are locked (in id order, so two starts never
   * deadlock); once used, starts read them without taking any lock.
   */
  async drawVersions(m: EntityManager, ids: string[]): Promise<Map<string, { version: number; type: StoredItem['type']; options: StoredItem['options'] }>> {
    await m.query(
      `UPDATE question_version SET used = true WHERE (question_id, version) IN (
         SELECT v.question_id, v.version FROM question_version v JOIN question q ON q.id = v.question_id AND q.version = v.version
          WHERE q.id = ANY($1::uuid[]) AND NOT v.used ORDER BY v.question_id FOR NO KEY UPDATE OF v)`,
      [ids],
    );
    const rows = (await m.query(
      `SELECT v.question_id, v.version, v.type, v.options FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.version WHERE q.id = ANY($1::uuid[])`,
      [ids],
    )) as { question_id: string; version: number; type: StoredItem['type']; options: StoredItem['options'] }[];
    return new Map(rows.map((r) => [r.question_id, r]));
  }

  async insertAttempt(m: EntityManager, a: { id: string; examId: string; user: { id: string; username: string; orgUnitId: string; orgPath: string }; number: number; seed: number; startedAt: Date; deadlineAt: Date }): Promise<void> {
    await m.query(
      `INSERT INTO attempt (id, exam_id, user_id, username, org_unit_id, org_path, number, status, seed, started_at, deadline_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'in_progress', $8, $9, $10)`,
      [a.id, a.examId, a.user.id, a.user.username, a.user.orgUnitId, a.user.orgPath, a.number, a.seed, a.startedAt, a.deadlineAt],
    );
  }

  async insertItems(m: EntityManager, attemptId: string, items: { slot: number; questionId: string; version: number; points: number; optionIds: string[]; optionKeys: string[] }[]): Promise<void> {
    await m.query(
      `INSERT INTO attempt_item (attempt_id, slot, question_id, version, points, option_ids, option_keys)
       SELECT $1, r.slot, r.question_id, r.version, r.points, ARRAY(SELECT jsonb_array_elements_text(r.option_ids)), ARRAY(SELECT jsonb_array_elements_text(r.option_keys))
         FROM jsonb_to_recordset($2::jsonb) AS r(slot int, question_id uuid, version int, points numeric, option_ids jsonb, option_keys jsonb)`,
      [attemptId, JSON.stringify(items.map((i) => ({ slot: i.slot, question_id: i.questionId, version: i.version, points: i.points, option_ids: i.optionIds, option_keys: i.optionKeys })))],
    );
  }

  async get(id: string, m?: EntityManager, lock = false): Promise<AttemptRow | undefined> {
    const [row] = (await (m ?? this.ds.manager).query(`SELECT * FROM attempt WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as AttemptRow[];
    return row;
  }

  /** Items of these attempts with their drawn versions' text and key. */
  async items(attemptIds: string[], m?: EntityManager): Promise<(StoredItem & { attemptId: string })[]> {
    const rows = (await (m ?? this.ds.manager).query(
      `SELECT i.attempt_id, i.slot, i.question_id, i.points, v.type, v.stem, v.options, v.correct, v.explanation, i.option_ids, i.option_keys, i.answer, i.score, i.outcome
         FROM attempt_item i JOIN question_version v ON v.question_id = i.question_id AND v.version = i.version
        WHERE i.attempt_id = ANY($1::uuid[]) ORDER BY i.attempt_id, i.slot`,
      [attemptIds],
    )) as ItemRow[];
    return rows.map(item);
  }

  /**
   * The shape of an attempt's paper: its taker and, per slot, the question type and the
   * opaque option ids (enough to check an answer). Fixed when the attempt starts, so the
   * service may keep it in memory.
   */
  async shape(attemptId: string): Promise<AttemptShape | undefined> {
    const rows = (await this.ds.query(
      `SELECT a.user_id, i.slot, v.type, i.option_ids FROM attempt a
         JOIN attempt_item i ON i.attempt_id = a.id JOIN question_version v ON v.question_id = i.question_id AND v.version = i.version
        WHERE a.id = $1`,
      [attemptId],
    )) as { user_id: string; slot: number; type: StoredItem['type']; option_ids: string[] }[];
    if (!rows.length) return undefined;
    return { userId: rows[0].user_id, slots: new Map(rows.map((r) => [r.slot, { type: r.type, optionIds: r.option_ids }])) };
  }

  /**
   * Autosave in one statement (one round trip, autocommit): takes the save's place in the
   * attempt — only its taker's, while in progress, within the deadline (plus grace) and with a
   * sequence above the last — and writes the answer of the slot. The row lock on the attempt
   * orders it against a submit or the sweep: either the save commits first and is graded, or
   * it waits and is refused. When refused, the attempt as it was when the statement began
   * tells why (its snapshot; a change in between shows as `saved: false` with every
   * condition met).
   */
  async saveAnswer(attemptId: string, userId: string, slot: number, answer: unknown, seq: number, graceMs: number): Promise<SaveOutcome> {
    const [row] = (await this.ds.query(
      `WITH claim AS (
         UPDATE attempt SET last_seq = $3
          WHERE id = $1 AND user_id = $2 AND status = 'in_progress' AND last_seq < $3
            AND clock_timestamp() <= deadline_at + make_interval(secs => $6::double precision / 1000)
            AND EXISTS (SELECT 1 FROM attempt_item WHERE attempt_id = $1 AND slot = $4)
          RETURNING id, deadline_at
       ), saved AS (
         UPDATE attempt_item i SET answer = $5::jsonb, saved_seq = $3, saved_at = clock_timestamp()
           FROM claim WHERE i.attempt_id = claim.id AND i.slot = $4
         RETURNING i.saved_at, claim.deadline_at
       )
       SELECT s.saved_at, s.deadline_at, a.user_id, a.status, a.last_seq,
              clock_timestamp() <= a.deadline_at + make_interval(secs => $6::double precision / 1000) AS in_time
         FROM (SELECT 1) one LEFT JOIN saved s ON true LEFT JOIN attempt a ON a.id = $1`,
      [attemptId, userId, seq, slot, answer === null ? null : JSON.stringify(answer), graceMs],
    )) as { saved_at: Date | null; deadline_at: Date | null; user_id: string | null; status: AttemptRow['status'] | null; last_seq: number | null; in_time: boolean | null }[];
    if (row.saved_at && row.deadline_at) return { saved: true, savedAt: row.saved_at, deadlineAt: row.deadline_at };
    if (!row.user_id || row.user_id !== userId) return { saved: false, why: 'not-found' };
    if (row.status !== 'in_progress') return { saved: false, why: 'submitted' };
    if ((row.last_seq ?? 0) >= seq) return { saved: false, why: 'stale', lastSeq: row.last_seq ?? 0 };
    if (!row.in_time) return { saved: false, why: 'deadline' };
    return { saved: false, why: 'raced' };
  }

  /** Open attempts past their deadline and grace, oldest first, locked (others skip them). */
  async lockOverdue(m: EntityManager, graceMs: number, limit: number): Promise<AttemptRow[]> {
    return (await m.query(
      `SELECT * FROM attempt WHERE status = 'in_progress' AND deadline_at + make_interval(secs => $1::double precision / 1000) < clock_timestamp()
        ORDER BY deadline_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [graceMs, limit],
    )) as AttemptRow[];
  }

  /** Writes grades of many attempts (a submit, a sweep batch, a regrade) in three statements. */
  async writeGrades(m: EntityManager, attempts: GradedAttemptUpdate[], items: GradedItemUpdate[], finish?: { id: string; finishedAt: Date; by: 'taker' | 'deadline' }[]): Promise<void> {
    if (items.length) {
      await m.query(
        `UPDATE attempt_item i SET score = r.score, outcome = r.outcome FROM jsonb_to_recordset($1::jsonb) AS r(attempt_id uuid, slot int, score numeric, outcome text)
          WHERE i.attempt_id = r.attempt_id AND i.slot = r.slot`,
        [JSON.stringify(items.map((i) => ({ attempt_id: i.attemptId, slot: i.slot, score: i.score, outcome: i.outcome })))],
      );
    }
    if (attempts.length) {
      await m.query(
        `UPDATE attempt a SET score = r.score, max_score = r.max_score, percent = r.percent, passed = r.passed
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, score numeric, max_score numeric, percent numeric, passed boolean) WHERE a.id = r.id`,
        [JSON.stringify(attempts.map((a) => ({ id: a.id, score: a.score, max_score: a.maxScore, percent: a.percent, passed: a.passed })))],
      );
    }
    if (finish?.length) {
      await m.query(
        `UPDATE attempt a SET status = 'submitted', finished_at = r.finished_at, submitted_by = r.by
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, finished_at timestamptz, by text) WHERE a.id = r.id AND a.status = 'in_progress'`,
        [JSON.stringify(finish.map((f) => ({ id: f.id, finished_at: f.finishedAt.toISOString(), by: f.by })))],
      );
    }
  }

  /** Submitted attempts of an exam (optionally only those holding a question, or within a scope). */
  async submitted(examId: string, opts: { questionId?: string; scope?: string } = {}, m?: EntityManager): Promise<AttemptRow[]> {
    return (await (m ?? this.ds.manager).query(
      `SELECT a.* FROM attempt a WHERE a.exam_id = $1 AND a.status = 'submitted'
          AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM attempt_item i WHERE i.attempt_id = a.id AND i.question_id = $2))
          AND ($3::text IS NULL OR a.org_path LIKE $3 || '%')
        ORDER BY a.user_id, a.number`,
      [examId, opts.questionId ?? null, opts.scope ?? null],
    )) as AttemptRow[];
  }

  /** A user's attempts across exams (the staff view). */
  async ofUser(userId: string): Promise<AttemptRow[]> {
    return (await this.ds.query(`SELECT * FROM attempt WHERE user_id = $1 ORDER BY exam_id, number`, [userId])) as AttemptRow[];
  }
}
