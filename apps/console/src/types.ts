/**
 * Shapes the console exchanges with the gateway. Types come from @xb/contracts with
 * `import type` only: that package is a Node build with decorators, and none of its
 * runtime may end up in the browser bundle. The few constants the UI needs are copied
 * here and checked against the contract types, so a change there fails to compile here.
 */
import type { AuditVerifyResult, AuditView } from '@xb/contracts/audit';
import type { UserView } from '@xb/contracts/auth';
import type { Role } from '@xb/contracts/common';
import type { OrgUnitType, OrgUnitView } from '@xb/contracts/org';
import type {
  AnalysisDimension,
  BreakdownLine,
  CaseArchiveEntryView,
  Change,
  Channel,
  ClosureBuckets,
  CodedItem,
  ComplaintAnalysis,
  ComplaintCodes,
  ComplaintExtension,
  ComplaintPii,
  ComplaintStatus,
  ComplaintTimelineEntryView,
  ComplaintView,
  ImportColumn,
  ImportComplaintsResult,
  ImportRowError,
  OrgUnitLine,
  ReportFormat,
  TimelineAction,
  WorkflowAction,
} from '@xb/contracts/complaints';

export type { CodedItem, ComplaintCodes, ComplaintPii, ComplaintStatus, ComplaintView, OrgUnitType, OrgUnitView, Role, UserView };
export type {
  AnalysisDimension,
  BreakdownLine,
  CaseArchiveEntryView,
  Change,
  ClosureBuckets,
  ComplaintAnalysis,
  ComplaintExtension,
  ComplaintTimelineEntryView,
  ImportComplaintsResult,
  ImportRowError,
  OrgUnitLine,
  ReportFormat,
  TimelineAction,
  WorkflowAction,
};
export type { ErrorBody, ErrorDetail } from '@xb/contracts/common';

export const ROLES = ['admin', 'handler', 'trainer', 'inspector', 'auditor', 'staff'] as const satisfies readonly Role[];

export const ORG_UNIT_TYPES = ['head_office', 'branch', 'sub_branch', 'outlet', 'department'] as const satisfies readonly OrgUnitType[];

/** The user as the login call returns it (`POST /api/auth/login`, `GET /api/auth/me`). */
export type SessionUser = Pick<UserView, 'id' | 'username' | 'displayName' | 'orgUnitId' | 'orgPath' | 'roles' | 'active'>;

/** Statuses before the decision (办结): still being worked (mirrors PRE_DECISION_STATUSES). */
export const OPEN_STATUSES = ['received', 'assigned', 'in_progress'] as const satisfies readonly ComplaintStatus[];

/**
 * Statuses in which the time limit still runs (mirrors CLOCK_RUNNING_STATUSES): decide AND
 * inform the customer, so the clock stops at 反馈 (reply), not at 办结 (resolve).
 */
export const CLOCK_RUNNING_STATUSES = ['received', 'assigned', 'in_progress', 'resolved'] as const satisfies readonly ComplaintStatus[];

/** Channels transferred in from outside; they carry an external reference (mirrors TRANSFERRED_CHANNELS). */
export const TRANSFERRED_CHANNELS: readonly string[] = ['hotline_12345', 'hotline_12363', 'regulator_transfer'] satisfies Channel[];

/** Statuses after a decision (办结 → 反馈 → 回访): reopenable, and markable as a typical case. */
export const DONE_STATUSES = ['resolved', 'replied', 'closed'] as const satisfies readonly ComplaintStatus[];

/** Workflow actions (mirrors WORKFLOW_ACTIONS): each `POST /api/complaints/:id/<action>`. */
export const WORKFLOW_ACTIONS = [
  'assign',
  'start',
  'resolve',
  'reply',
  'close',
  'reject',
  'withdraw',
  'reopen',
  'extend',
  'pause',
  'resume',
  'mark-typical',
] as const satisfies readonly WorkflowAction[];

/** Every timeline action, for the i18n files (mirrors TimelineAction). */
export const TIMELINE_ACTIONS = [
  'received',
  'assigned',
  'started',
  'resolved',
  'replied',
  'closed',
  'rejected',
  'withdrawn',
  'reopened',
  'extended',
  'paused',
  'resumed',
  'marked-typical',
  'reminded',
  'escalated',
] as const satisfies readonly TimelineAction[];

/** Columns of an import file (mirrors IMPORT_COLUMNS), for labelling per-row errors. */
export const IMPORT_COLUMNS = [
  'channel',
  'businessCategory',
  'cause',
  'orgUnitCode',
  'receivedAt',
  'customerName',
  'customerPhone',
  'customerIdNumber',
  'description',
  'demand',
  'externalRef',
  'severity',
  'namedStaffUserIds',
] as const satisfies readonly ImportColumn[];

/** One audit log entry (`GET /api/audit-log`) and the chain check (`GET /api/audit-log/verify`). */
export type AuditLogEntry = AuditView;
export type AuditChainVerification = AuditVerifyResult;

/** Compile-time check that a copied list names every member of a contract union. */
type Exhaustive<All, Listed extends All> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };
const _allWorkflowActions: Exhaustive<WorkflowAction, (typeof WORKFLOW_ACTIONS)[number]> = true;
const _allTimelineActions: Exhaustive<TimelineAction, (typeof TIMELINE_ACTIONS)[number]> = true;
const _allImportColumns: Exhaustive<ImportColumn, (typeof IMPORT_COLUMNS)[number]> = true;
void _allWorkflowActions;
void _allTimelineActions;
void _allImportColumns;
