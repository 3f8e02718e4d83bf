/**
 * Shapes the console exchanges with the gateway. Types come from @xb/contracts with
 * `import type` only: that package is a Node build with decorators, and none of its
 * runtime may end up in the browser bundle. The few constants the UI needs are copied
 * here and checked against the contract types, so a change there fails to compile here.
 */
import type { AuditVerifyResult, AuditView } from '@xb/contracts/audit';
import type { PersonView, UserView } from '@xb/contracts/auth';
import type { Role } from '@xb/contracts/common';
import type { AttachmentView, StoredFileView } from '@xb/contracts/files';
import type { OrgUnitType, OrgUnitView } from '@xb/contracts/org';
import type {
  AnalysisDimension,
  BreakdownLine,
  CaseArchiveEntryView,
  Change,
  ClosureBuckets,
  CodedItem,
  ComplaintAnalysis,
  ComplaintCodes,
  ComplaintExtension,
  ComplaintPii,
  ComplaintStatus,
  ComplaintTimelineEntryView,
  ComplaintView,
  ImportComplaintsResult,
  ImportRowError,
  OrgUnitLine,
  ReportFormat,
  TimelineAction,
  WorkflowAction,
} from '@xb/contracts/complaints';

export type { CodedItem, ComplaintCodes, ComplaintPii, ComplaintStatus, ComplaintView, OrgUnitType, OrgUnitView, PersonView, Role, UserView };
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
export type { AttachmentView, StoredFileView };

export { ROLES } from '@xb/contracts/common/roles';
/**
 * Run-time constants come from the decorator-free entry points of contracts, so the console
 * cannot drift from the services.
 */
export { CLOCK_RUNNING_STATUSES, IMPORT_COLUMNS, TIMELINE_ACTIONS, TRANSFERRED_CHANNELS, isTransferredChannel } from '@xb/contracts/complaints/codes';

export { ORG_UNIT_TYPES } from '@xb/contracts/org/types';

/** The user as the login call returns it (`POST /api/auth/login`, `GET /api/auth/me`). */
export type SessionUser = Pick<UserView, 'id' | 'username' | 'displayName' | 'orgUnitId' | 'orgPath' | 'roles' | 'active'>;

/** One audit log entry (`GET /api/audit-log`) and the chain check (`GET /api/audit-log/verify`). */
export type AuditLogEntry = AuditView;
export type AuditChainVerification = AuditVerifyResult;
