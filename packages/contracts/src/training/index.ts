/**
 * Messages, DTOs and views of the training service 培训与测评 (issue #9): the versioned
 * question bank, exams with draw rules, server-timed attempts, regrades, competitions,
 * training sessions and the hours ledger. Imported as `@xb/contracts/training`.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OneOrMany, oneOrManySchema, type ListSpec } from '../common/list-query.js';
import type { Role } from '../common/roles.js';

export * from './permissions.js';

/** The registry name of the service: message prefix, queue group, health pattern. */
export const TRAINING_SERVICE = 'training';

/** Request-reply patterns: `<service>.<aggregate>.<verb>`. */
export const TRAINING_PATTERNS = {
  questionCreate: 'training.question.create',
  questionUpdate: 'training.question.update',
  questionGet: 'training.question.get',
  questionList: 'training.question.list',
  questionImport: 'training.question.import',
  examCreate: 'training.exam.create',
  examUpdate: 'training.exam.update',
  examGet: 'training.exam.get',
  examList: 'training.exam.list',
  examPublish: 'training.exam.publish',
  examPools: 'training.exam.pools',
  examGrant: 'training.exam.grant',
  examRegrade: 'training.exam.regrade',
  examStatistics: 'training.exam.statistics',
  examLeaderboard: 'training.exam.leaderboard',
  examAttempts: 'training.exam.attempts',
  examResultsExport: 'training.exam.results-export',
  attemptStart: 'training.attempt.start',
  attemptGet: 'training.attempt.get',
  attemptSave: 'training.attempt.save',
  attemptSubmit: 'training.attempt.submit',
  sweepRunNow: 'training.attempt.sweep',
  sessionCreate: 'training.session.create',
  sessionGet: 'training.session.get',
  sessionList: 'training.session.list',
  sessionCheckIn: 'training.session.check-in',
  sessionMark: 'training.session.mark',
  hours: 'training.hours.list',
  my: 'training.my',
} as const;

/** Durable domain events: `<service>.<aggregate>.<past-tense>`. */
export const TRAINING_EVENTS = {
  examPublished: 'training.exam.published',
  attemptSubmitted: 'training.attempt.submitted',
  sessionAttended: 'training.session.attended',
  questionRegraded: 'training.question.regraded',
} as const;

export const QUESTION_TYPES = ['single', 'multiple', 'true_false'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_STATUSES = ['draft', 'active', 'retired'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
/** Topic tags of the bank (free text allowed; these are the usual ones). */
export const QUESTION_TAGS = ['八项权利', '投诉处理', '个人信息保护', '反诈', '理财适当性', '3·15'] as const;

export const EXAM_KINDS = ['practice', 'exam', 'competition'] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];
export const EXAM_STATUSES = ['draft', 'published'] as const;
export type ExamStatus = (typeof EXAM_STATUSES)[number];
export const GRADING_METHODS = ['highest', 'last', 'first', 'average'] as const;
export type ExamGradingMethod = (typeof GRADING_METHODS)[number];
/**
 * What a taker sees, cumulative: `score` only; `answers` (+ their own answers, right or wrong
 * per question); `correct` (+ the correct answers); `explanations` (+ explanations).
 */
export const REVIEW_LEVELS = ['none', 'score', 'answers', 'correct', 'explanations'] as const;
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];
export const MULTIPLE_POLICIES = ['all_or_nothing', 'partial_no_wrong'] as const;

export class QuestionOptionDto {
  @ApiProperty({ description: 'Option key within the question, e.g. A' })
  @IsString()
  @Length(1, 8)
  key: string;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  text: string;
}

export class QuestionDto {
  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  type: QuestionType;

  @ApiProperty({ description: '题干' })
  @IsString()
  @Length(1, 2000)
  stem: string;

  @ApiPropertyOptional({ type: [QuestionOptionDto], description: 'single / multiple only' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];

  /** single: one option key; multiple: option keys; true_false: a boolean. */
  @ApiProperty({ description: 'single: "A"; multiple: ["A","C"]; true_false: true/false' })
  @Allow()
  correct: string | string[] | boolean;

  @ApiPropertyOptional({ description: '解析' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  explanation?: string;

  @ApiProperty({ type: [String], example: ['八项权利'] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 30, { each: true })
  tags: string[];

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty: number;

  @ApiPropertyOptional({ description: 'The regulation it cites' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  regulation?: string;

  @ApiPropertyOptional({ enum: QUESTION_STATUSES })
  @IsOptional()
  @IsIn(QUESTION_STATUSES)
  status?: QuestionStatus;
}

export interface QuestionView {
  id: string;
  version: number;
  type: QuestionType;
  stem: string;
  options: { key: string; text: string }[];
  correct: string | string[] | boolean;
  explanation: string | null;
  tags: string[];
  difficulty: number;
  regulation: string | null;
  status: QuestionStatus;
  /** Attempts have drawn some version of it: editing makes a new version. */
  used: boolean;
  createdAt: string;
  updatedAt: string;
}

export class QuestionFilterDto {
  @ApiPropertyOptional({ description: 'Free text in the stem' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional(oneOrManySchema({ type: 'string', enum: QUESTION_TYPES }))
  @IsOptional()
  @OneOrMany()
  @IsIn(QUESTION_TYPES, { each: true })
  type?: QuestionType | QuestionType[];

  @ApiPropertyOptional(oneOrManySchema({ type: 'string', enum: QUESTION_STATUSES }))
  @IsOptional()
  @OneOrMany()
  @IsIn(QUESTION_STATUSES, { each: true })
  status?: QuestionStatus | QuestionStatus[];

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string' }), description: 'Any of these tags' })
  @IsOptional()
  @OneOrMany()
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  tags?: string | string[];

  @ApiPropertyOptional(oneOrManySchema({ type: 'integer' }))
  @IsOptional()
  @OneOrMany()
  @Type(() => Number)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(5, { each: true })
  difficulty?: number | number[];

  @ApiPropertyOptional(oneOrManySchema({ type: 'string', format: 'uuid' }))
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}
export const QUESTION_SORT_FIELDS = ['id', 'updatedAt', 'difficulty', 'type', 'status'] as const;
export type QuestionSortField = (typeof QUESTION_SORT_FIELDS)[number];
export const QUESTION_LIST: ListSpec<QuestionFilterDto, QuestionSortField> = { filter: QuestionFilterDto, sort: QUESTION_SORT_FIELDS, defaultSort: ['updatedAt', 'DESC'] };

export class ImportQuestionsDto {
  @ApiProperty({ description: 'CSV text with the template header: type,stem,A,B,C,D,E,correct,explanation,tags,difficulty,regulation' })
  @IsString()
  @Length(1, 5_000_000)
  csv: string;
}
export interface ImportQuestionsResult {
  imported: number;
  errors: { row: number; field: string; message: string }[];
}
export const QUESTION_IMPORT_HEADER = ['type', 'stem', 'A', 'B', 'C', 'D', 'E', 'correct', 'explanation', 'tags', 'difficulty', 'regulation'] as const;

export class FixedQuestionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionId: string;

  @ApiProperty()
  @IsNumber()
  @Min(0.5)
  @Max(100)
  points: number;
}

export class DrawRuleDto {
  @ApiProperty({ description: 'Topic tag of the pool' })
  @IsString()
  @Length(1, 30)
  tag: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'Only questions of this difficulty' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty?: number;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(200)
  count: number;

  @ApiProperty()
  @IsNumber()
  @Min(0.5)
  @Max(100)
  points: number;
}

export class ExamDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ enum: EXAM_KINDS })
  @IsIn(EXAM_KINDS)
  kind: ExamKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Owning unit (default: yours)' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ type: [FixedQuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => FixedQuestionDto)
  questions?: FixedQuestionDto[];

  @ApiPropertyOptional({ type: [DrawRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DrawRuleDto)
  drawRules?: DrawRuleDto[];

  @ApiProperty({ description: 'Minutes', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitMinutes: number;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  opensAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  closesAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: '补考: attempts may start until then for those who have not passed' })
  @IsOptional()
  @IsISO8601({ strict: true })
  makeUpUntil?: string;

  @ApiProperty({ description: 'Pass mark, % of the maximum' })
  @IsNumber()
  @Min(0)
  @Max(100)
  passPercent: number;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  attemptsAllowed: number;

  @ApiProperty({ enum: GRADING_METHODS })
  @IsIn(GRADING_METHODS)
  gradingMethod: ExamGradingMethod;

  @ApiPropertyOptional({ enum: MULTIPLE_POLICIES })
  @IsOptional()
  @IsIn(MULTIPLE_POLICIES)
  multiplePolicy?: (typeof MULTIPLE_POLICIES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  shuffleQuestions?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  shuffleOptions?: boolean;

  @ApiProperty({ enum: REVIEW_LEVELS, description: 'What a taker sees after submitting' })
  @IsIn(REVIEW_LEVELS)
  reviewAfterSubmit: ReviewLevel;

  @ApiProperty({ enum: REVIEW_LEVELS, description: 'What a taker sees after the exam closes' })
  @IsIn(REVIEW_LEVELS)
  reviewAfterClose: ReviewLevel;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Audience units (with their subtrees); empty = the whole bank' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  audienceUnitIds: string[];

  @ApiProperty({ type: [String], description: 'Audience roles; empty = every role' })
  @IsArray()
  @IsString({ each: true })
  audienceRoles: Role[];

  @ApiPropertyOptional({ description: 'Competition rounds (kind competition)', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  round?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Competition rounds 轮次: the published earlier round this one follows (with qualifyTop)' })
  @IsOptional()
  @IsUUID()
  previousRoundId?: string;

  @ApiPropertyOptional({ description: 'Only the top N of the previous round’s leaderboard may start this round (ties at the cut qualify)', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  qualifyTop?: number;
}

export interface ExamView extends Omit<ExamDto, 'orgUnitId' | 'questions' | 'drawRules' | 'makeUpUntil' | 'round' | 'previousRoundId' | 'qualifyTop'> {
  id: string;
  status: ExamStatus;
  orgUnitId: string;
  orgPath: string;
  questions: FixedQuestionDto[];
  drawRules: (DrawRuleDto & { poolSize: number })[];
  makeUpUntil: string | null;
  round: number | null;
  previousRoundId: string | null;
  qualifyTop: number | null;
  multiplePolicy: (typeof MULTIPLE_POLICIES)[number];
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  publishedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** What the caller may do with it now (permissions table × state × scope). */
  availableActions: string[];
  /** How far the audience in the reader's scope has got (null while a draft): the figures of the results page's top row. */
  progress: ExamProgress | null;
}

/** 参考进度: an exam's audience in the reader's scope, who has finished an attempt, and who passes by the exam's grading method. */
export interface ExamProgress {
  /** Active users in the audience (units with their subtrees × roles), within the reader's scope. */
  assigned: number;
  /** Takers in the reader's scope with at least one submitted attempt (also any no longer in the audience). */
  finished: number;
  /** Of those, the ones whose grade (highest, last, first or average attempt) reaches the pass mark. */
  passed: number;
}

export class ExamFilterDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional(oneOrManySchema({ type: 'string', enum: EXAM_KINDS }))
  @IsOptional()
  @OneOrMany()
  @IsIn(EXAM_KINDS, { each: true })
  kind?: ExamKind | ExamKind[];

  @ApiPropertyOptional(oneOrManySchema({ type: 'string', enum: EXAM_STATUSES }))
  @IsOptional()
  @OneOrMany()
  @IsIn(EXAM_STATUSES, { each: true })
  status?: ExamStatus | ExamStatus[];

  @ApiPropertyOptional(oneOrManySchema({ type: 'string', format: 'uuid' }))
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}
export const EXAM_SORT_FIELDS = ['id', 'opensAt', 'closesAt', 'title', 'createdAt'] as const;
export type ExamSortField = (typeof EXAM_SORT_FIELDS)[number];
export const EXAM_LIST: ListSpec<ExamFilterDto, ExamSortField> = { filter: ExamFilterDto, sort: EXAM_SORT_FIELDS, defaultSort: ['opensAt', 'DESC'] };

export class GrantDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiPropertyOptional({ description: 'Extra minutes (also for an attempt in progress)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  extraMinutes?: number;

  @ApiPropertyOptional({ description: 'Extra attempts' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  extraAttempts?: number;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class KeyFixDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionId: string;

  @ApiPropertyOptional({ description: 'The corrected key (option keys as in the bank, or a boolean)' })
  @IsOptional()
  @Allow()
  correct?: string | string[] | boolean;

  @ApiPropertyOptional({ description: 'Void the question for everyone' })
  @IsOptional()
  @IsBoolean()
  voided?: boolean;

  @ApiPropertyOptional({ description: 'Only show what would change' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  reason: string;
}

export interface RegradeResult {
  dryRun: boolean;
  attempts: number;
  changes: {
    attemptId: string;
    userId: string;
    username: string;
    before: { score: number; percent: number | null; passed: boolean | null };
    after: { score: number; percent: number | null; passed: boolean | null };
    passChanged: boolean;
  }[];
  newlyPassed: number;
  newlyFailed: number;
}

export class SaveAnswerDto {
  @ApiProperty({ description: 'single: an option id; multiple: option ids; true_false: boolean; null clears' })
  @Allow()
  answer: string | string[] | boolean | null;

  @ApiProperty({ description: 'Strictly increasing per attempt; a lower or equal one is a stale write (409)' })
  @IsInt()
  @Min(1)
  seq: number;
}

/** A question on a taker's paper: opaque per-attempt option ids, never the key. */
export interface PaperItem {
  slot: number;
  type: QuestionType;
  stem: string;
  options: { id: string; text: string }[];
  points: number;
  answer: string | string[] | boolean | null;
  /** Only when the review policy allows. */
  outcome?: 'correct' | 'partial' | 'wrong' | 'unanswered' | 'void';
  score?: number;
  correct?: string | string[] | boolean;
  explanation?: string | null;
}

/** Pool sizes of draw rules being built (one per rule, in order). */
export interface PoolSizesView {
  poolSizes: number[];
}

/** A grant on record; `deadlineAt` is the new deadline of an attempt in progress, if any. */
export interface GrantResultView {
  granted: true;
  deadlineAt: string | null;
}

/** One run of the deadline sweep: whether it ran (another instance may hold the lock) and how many attempts it submitted. */
export interface SweepResultView {
  ran: boolean;
  submitted: number;
}

/** A check-in: attended, and whether the hours were credited now (false: already credited). */
export interface CheckInResultView {
  attended: true;
  credited: boolean;
  hours: number;
}

/** Attendance marked by the trainer: newly recorded and already on record. */
export interface AttendanceMarkedView {
  recorded: number;
  alreadyRecorded: number;
}

/** The answer of an autosave: what was stored, when, and the attempt's deadline (it may have been extended). */
export interface AnswerSavedView {
  slot: number;
  seq: number;
  savedAt: string;
  deadlineAt: string;
}

export interface AttemptView {
  id: string;
  examId: string;
  examTitle: string;
  userId: string;
  number: number;
  status: 'in_progress' | 'submitted';
  startedAt: string;
  deadlineAt: string;
  /** Server time of this answer: the console counts down from deadlineAt − serverNow. */
  serverNow: string;
  finishedAt: string | null;
  submittedBy: 'taker' | 'deadline' | null;
  lastSeq: number;
  review: ReviewLevel;
  score?: number | null;
  maxScore?: number | null;
  percent?: number | null;
  passed?: boolean | null;
  items: PaperItem[];
}

/** Which attempts the item analysis reads (Moodle's "which attempts"). */
export const STATISTICS_ATTEMPTS_LABELS: Record<'first' | 'graded' | 'all', { zh: string; en: string }> = {
  first: { zh: '每人首次作答', en: "Each taker's first attempt" },
  graded: { zh: '计入成绩的作答', en: 'The attempts that set the grade' },
  all: { zh: '全部作答', en: 'All attempts' },
};

/** 学时台账: hours per person or per unit. */
export const HOURS_BY_LABELS: Record<'person' | 'unit', { zh: string; en: string }> = {
  person: { zh: '按人员', en: 'By person' },
  unit: { zh: '按机构', en: 'By unit' },
};

export class StatisticsQueryDto {
  @ApiPropertyOptional({ enum: ['first', 'graded', 'all'] })
  @IsOptional()
  @IsIn(['first', 'graded', 'all'])
  attempts?: 'first' | 'graded' | 'all';
}

export interface ExamStatisticsView {
  examId: string;
  attemptsAnalysed: number;
  which: 'first' | 'graded' | 'all';
  units: { orgUnitId: string; name: string; path: string; depth: number; assigned: number; attempted: number; passed: number; passRate: number | null }[];
  distribution: { from: number; to: number; count: number }[];
  test: Record<string, number | null>;
  items: {
    questionId: string;
    stem: string;
    s: number;
    facility: number | null;
    sd: number | null;
    discriminationIndex: number | null;
    discriminativeEfficiency: number | null;
    weak: boolean;
  }[];
}

/** 成绩导出: an exam's results workbook (sheets 成绩 and 试题分析), base64 over NATS. */
export interface TrainingResultsFile {
  filename: string;
  contentType: string;
  /** base64 */
  body: string;
}

export interface LeaderboardView {
  examId: string;
  entries: { rank: number; userId: string; username: string; displayName: string; orgUnitId: string; unitName: string; score: number; percent: number | null; seconds: number }[];
  teams: { rank: number; orgUnitId: string; unitName: string; members: number; average: number }[];
}

export class SessionDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Trainer (default: you)' })
  @IsOptional()
  @IsUUID()
  trainerId?: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @IsUUID('all', { each: true })
  audienceUnitIds: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @IsString({ each: true })
  audienceRoles: Role[];

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiPropertyOptional({ description: 'Venue (empty when online)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  venue?: string;

  @ApiProperty()
  @IsBoolean()
  online: boolean;

  @ApiProperty({ description: 'Hours credited 学时' })
  @IsNumber()
  @Min(0.5)
  @Max(40)
  hours: number;
}

export interface SessionView extends SessionDto {
  id: string;
  trainerId: string;
  trainerName: string;
  orgUnitId: string;
  orgPath: string;
  /** Shown to trainers and admins only. */
  checkInCode?: string;
  attendees: number;
  createdAt: string;
  availableActions: string[];
}

export class SessionFilterDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional(oneOrManySchema({ type: 'string', format: 'uuid' }))
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}
export const SESSION_SORT_FIELDS = ['id', 'startsAt', 'title'] as const;
export type SessionSortField = (typeof SESSION_SORT_FIELDS)[number];
export const SESSION_LIST: ListSpec<SessionFilterDto, SessionSortField> = { filter: SessionFilterDto, sort: SESSION_SORT_FIELDS, defaultSort: ['startsAt', 'DESC'] };

export class CheckInDto {
  @ApiProperty()
  @IsString()
  @Length(4, 12)
  code: string;
}

export class MarkAttendanceDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class HoursQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: ['person', 'unit'] })
  @IsOptional()
  @IsIn(['person', 'unit'])
  by?: 'person' | 'unit';
}

export interface HoursView {
  year: number;
  by: 'person' | 'unit';
  rows: { id: string; name: string; orgUnitId?: string; sessions: number; hours: number }[];
}

export interface MyTrainingView {
  exams: { id: string; title: string; kind: ExamKind; opensAt: string; closesAt: string; timeLimitMinutes: number; state: 'upcoming' | 'open' | 'in_progress' | 'done' | 'closed'; attemptsUsed: number; attemptsAllowed: number; inProgressAttemptId: string | null; best: { percent: number | null; passed: boolean | null } | null }[];
  sessions: { id: string; title: string; startsAt: string; endsAt: string; hours: number; venue: string | null; online: boolean; attended: boolean }[];
  hoursThisYear: number;
}
