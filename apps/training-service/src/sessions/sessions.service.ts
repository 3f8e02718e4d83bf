import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, ListResult } from '@xb/contracts';
import { CheckInDto, HoursQueryDto, MarkAttendanceDto, SESSION_LIST, SessionDto, TRAINING_EVENTS, type AttendanceMarkedView, type CheckInResultView, type HoursView, type MyTrainingView, type SessionView } from '@xb/contracts/training';
import { appendEvents, asList, badRequest, conflict, DirectoryQueries, forbidden, listQueryOf, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { AttemptsRepository } from '../attempts/attempts.repository.js';
import { assertActor, assertPermitted, idOf, inAudience, inScope, may, scopeOf } from '../common/access.js';
import { ExamsRepository } from '../exams/exams.repository.js';
import { examGrades } from '../statistics/attempt-selection.js';
import { SessionsRepository, type SessionRow } from './sessions.repository.js';

/** Check-in opens this long before a session starts. */
const CHECK_IN_EARLY_MS = 30 * 60_000;

/** 培训: sessions, attendance (check-in code in the window, or marked by the trainer), hours credited once; and the staff view. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly exams: ExamsRepository,
    private readonly attempts: AttemptsRepository,
    private readonly directory: DirectoryQueries,
    private readonly relay: OutboxRelay,
  ) {}

  private view(actor: Actor, s: SessionRow): SessionView {
    const manage = inScope(actor, s.org_path) && may(actor, 'training-sessions', 'mark');
    return {
      id: s.id,
      title: s.title,
      trainerId: s.trainer_id,
      trainerName: s.trainer_name,
      orgUnitId: s.org_unit_id,
      orgPath: s.org_path,
      audienceUnitIds: s.audience_unit_ids,
      audienceRoles: s.audience_roles as SessionView['audienceRoles'],
      startsAt: s.starts_at.toISOString(),
      endsAt: s.ends_at.toISOString(),
      venue: s.venue ?? undefined,
      online: s.online,
      hours: Number(s.hours),
      ...(manage ? { checkInCode: s.check_in_code } : {}),
      attendees: s.attendees,
      createdAt: s.created_at.toISOString(),
      availableActions: manage ? ['mark'] : [],
    };
  }

  async create(actor: Actor, data: unknown): Promise<SessionView> {
    assertActor(actor);
    assertPermitted(actor, 'training-sessions', 'create');
    const dto = await validateDto(SessionDto, data);
    if (Date.parse(dto.endsAt) <= Date.parse(dto.startsAt)) throw badRequest('Validation failed', [{ field: 'endsAt', message: 'must be after startsAt' }]);
    if (!dto.online && !dto.venue) throw badRequest('Validation failed', [{ field: 'venue', message: 'a classroom session needs a venue' }]);
    const trainer = dto.trainerId ? await this.directory.userOrFetch(dto.trainerId) : undefined;
    if (dto.trainerId && !trainer) throw badRequest('Validation failed', [{ field: 'trainerId', message: 'unknown user' }]);
    const unit = await this.directory.unitOrFetch(actor.orgUnitId);
    if (!unit) throw forbidden('Your org unit is not known to this service');
    const id = randomUUID();
    await this.ds.transaction((m) =>
      this.sessions.insert(m, {
        id,
        dto,
        trainer: trainer ? { id: trainer.id, name: trainer.displayName } : { id: actor.id, name: actor.username },
        unit: { id: unit.id, path: unit.path },
        code: String(randomInt(100000, 1000000)),
        by: actor.id,
      }),
    );
    return this.view(actor, (await this.sessions.get(id))!);
  }

  private async inScopeSession(actor: Actor, id: string): Promise<SessionRow> {
    const s = await this.sessions.get(id);
    if (!s || !inScope(actor, s.org_path)) throw notFound('Training session');
    return s;
  }

  async get(actor: Actor, data: unknown): Promise<SessionView> {
    assertPermitted(actor, 'training-sessions', 'show');
    return this.view(actor, await this.inScopeSession(actor, idOf(data)));
  }

  async list(actor: Actor, data: unknown): Promise<ListResult<SessionView>> {
    assertPermitted(actor, 'training-sessions', 'list');
    const { filter: f, range, sort } = listQueryOf(data, SESSION_LIST);
    const page = await this.sessions.list(scopeOf(actor), { q: f.q, id: asList(f.id) }, range, sort);
    return { items: page.items.map((s) => this.view(actor, s)), total: page.total };
  }

  private async record(actor: Actor, s: SessionRow, people: { id: string; username: string; orgUnitId: string; orgPath: string }[], method: 'code' | 'trainer'): Promise<string[]> {
    const added = await this.ds.transaction(async (m) => {
      const ids = await this.sessions.attend(m, s.id, people, method, Number(s.hours), actor.id);
      const byId = new Map(people.map((p) => [p.id, p]));
      await appendEvents(
        m,
        ids.map((userId) => ({
          name: TRAINING_EVENTS.sessionAttended,
          actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
          aggregateType: 'training-session',
          aggregateId: s.id,
          orgPath: byId.get(userId)!.orgPath,
          payload: { sessionId: s.id, title: s.title, userId, orgUnitId: byId.get(userId)!.orgUnitId, hours: Number(s.hours), method },
        })),
      );
      return ids;
    });
    if (added.length) this.relay.kick();
    return added;
  }

  /** 签到: the session's code, from 30 minutes before it starts until it ends. */
  async checkIn(actor: Actor, data: unknown): Promise<CheckInResultView> {
    assertActor(actor);
    assertPermitted(actor, 'training-sessions', 'check-in');
    const id = idOf(data);
    const { code } = await validateDto(CheckInDto, (data as { body?: unknown }).body);
    const s = await this.sessions.get(id);
    if (!s) throw notFound('Training session');
    if (!inAudience(actor, await this.exams.unitPaths(s.audience_unit_ids), s.audience_roles)) throw forbidden('You are not in the audience of this session');
    const now = Date.now();
    if (now < s.starts_at.getTime() - CHECK_IN_EARLY_MS || now > s.ends_at.getTime()) throw conflict('Check-in is open from 30 minutes before the session until it ends');
    if (code !== s.check_in_code) throw badRequest('Validation failed', [{ field: 'code', message: 'wrong check-in code' }]);
    const added = await this.record(actor, s, [{ id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId, orgPath: actor.orgPath }], 'code');
    return { attended: true, credited: added.length === 1, hours: Number(s.hours) };
  }

  /** The trainer marks attendance for people (of the trainer's scope). */
  async mark(actor: Actor, data: unknown): Promise<AttendanceMarkedView> {
    assertActor(actor);
    assertPermitted(actor, 'training-sessions', 'mark');
    const s = await this.inScopeSession(actor, idOf(data));
    const { userIds } = await validateDto(MarkAttendanceDto, (data as { body?: unknown }).body);
    const people = [];
    for (const [i, uid] of userIds.entries()) {
      const u = await this.directory.userOrFetch(uid);
      if (!u) throw badRequest('Validation failed', [{ field: `userIds[${i}]`, message: 'unknown user' }]);
      if (!inScope(actor, u.orgPath)) throw forbidden('You may only mark people of your own unit and the units below it');
      people.push({ id: u.id, username: u.username, orgUnitId: u.orgUnitId, orgPath: u.orgPath });
    }
    const added = await this.record(actor, s, people, 'trainer');
    return { recorded: added.length, alreadyRecorded: people.length - added.length };
  }

  async hours(actor: Actor, data: unknown): Promise<HoursView> {
    assertPermitted(actor, 'training-hours', 'list');
    const q = await validateDto(HoursQueryDto, data ?? {});
    const year = q.year ?? new Date().getUTCFullYear();
    const by = q.by ?? 'person';
    return { year, by, rows: await this.sessions.hours(scopeOf(actor), year, by) };
  }

  /** 我的培训: my assigned exams and sessions, with results as the review policy allows. */
  async my(actor: Actor): Promise<MyTrainingView> {
    assertPermitted(actor, 'training-my', 'list');
    const now = new Date();
    const mine = await this.attempts.ofUser(actor.id);
    const exams: MyTrainingView['exams'] = [];
    for (const e of await this.exams.published()) {
      if (!inAudience(actor, await this.exams.unitPaths(e.audience_unit_ids), e.audience_roles)) continue;
      const attempts = mine.filter((a) => a.exam_id === e.id);
      const grants = await this.exams.grantsOf(e.id, actor.id);
      const open = attempts.find((a) => a.status === 'in_progress');
      const allowed = e.attempts_allowed + grants.attempts;
      const done = attempts.filter((a) => a.status === 'submitted');
      const closesAt = e.make_up_until && !done.some((a) => a.passed) ? e.make_up_until : e.closes_at;
      const state = open ? 'in_progress' : now < e.opens_at ? 'upcoming' : now >= closesAt ? (done.length ? 'done' : 'closed') : attempts.length >= allowed ? 'done' : 'open';
      const showScore = e.review_after_submit !== 'none' || (now >= e.closes_at && e.review_after_close !== 'none');
      const grade = done.length ? examGrades(done.map((a) => ({ attemptId: a.id, userId: a.user_id, number: a.number, percent: a.percent === null ? null : Number(a.percent) })), e.grading_method).get(actor.id) ?? null : null;
      exams.push({
        id: e.id,
        title: e.title,
        kind: e.kind,
        opensAt: e.opens_at.toISOString(),
        closesAt: closesAt.toISOString(),
        timeLimitMinutes: e.time_limit_minutes,
        state,
        attemptsUsed: attempts.length,
        attemptsAllowed: allowed,
        inProgressAttemptId: open?.id ?? null,
        best: done.length && showScore ? { percent: grade, passed: grade === null ? null : grade >= Number(e.pass_percent) } : null,
      });
    }
    const attended = await this.sessions.attendedBy(actor.id);
    const sessions: MyTrainingView['sessions'] = [];
    for (const s of await this.sessions.all()) {
      if (!attended.has(s.id) && !inAudience(actor, await this.exams.unitPaths(s.audience_unit_ids), s.audience_roles)) continue;
      sessions.push({ id: s.id, title: s.title, startsAt: s.starts_at.toISOString(), endsAt: s.ends_at.toISOString(), hours: Number(s.hours), venue: s.venue, online: s.online, attended: attended.has(s.id) });
    }
    return { exams, sessions, hoursThisYear: await this.sessions.hoursOf(actor.id, now.getUTCFullYear()) };
  }
}
