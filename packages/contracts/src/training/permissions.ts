/**
 * Permissions of the training module 培训与测评. Trainers and admins manage the bank, exams
 * and sessions in their scope; auditors read; every member of staff takes the exams they are
 * in the audience of (the service checks the audience) and checks in to sessions.
 * Decorator-free: the gateway guard, the training service and the console read these rows.
 */
import { bankWide, EVERY_ROLE, scoped, type ModulePermissions } from '../permissions/rule.js';

const manage = scoped('admin', 'trainer');
const read = scoped('admin', 'trainer', 'auditor');

export const TRAINING_PERMISSIONS = {
  /** 题库: a bank-wide bank; trainers and admins write, auditors read. */
  questions: { list: bankWide('admin', 'trainer', 'auditor'), show: bankWide('admin', 'trainer', 'auditor'), create: bankWide('admin', 'trainer'), edit: bankWide('admin', 'trainer'), import: bankWide('admin', 'trainer') },
  /** 考试 / 竞赛: managed in the owner's scope; results of takers in the reader's scope. */
  exams: { list: read, show: read, create: manage, edit: manage, publish: manage, grant: manage, regrade: manage },
  'exam-results': { list: read, export: read },
  /** 答题: the audience is checked by the service. */
  attempts: { create: bankWide(...EVERY_ROLE), show: bankWide(...EVERY_ROLE), edit: bankWide(...EVERY_ROLE), submit: bankWide(...EVERY_ROLE), sweep: bankWide('admin') },
  /** 培训: sessions, attendance and hours. */
  'training-sessions': { list: read, show: read, create: manage, mark: manage, 'check-in': bankWide(...EVERY_ROLE) },
  'training-hours': { list: read },
  'training-my': { list: bankWide(...EVERY_ROLE) },
} as const satisfies ModulePermissions;
