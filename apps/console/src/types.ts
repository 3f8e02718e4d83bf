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
import type { Channel, CodedItem, ComplaintCodes, ComplaintPii, ComplaintStatus, ComplaintView } from '@xb/contracts/complaints';

export type { CodedItem, ComplaintCodes, ComplaintPii, ComplaintStatus, ComplaintView, OrgUnitType, OrgUnitView, Role, UserView };
export type { ErrorBody, ErrorDetail } from '@xb/contracts/common';

export const ROLES = ['admin', 'handler', 'trainer', 'inspector', 'auditor', 'staff'] as const satisfies readonly Role[];

export const ORG_UNIT_TYPES = ['head_office', 'branch', 'sub_branch', 'outlet', 'department'] as const satisfies readonly OrgUnitType[];

/** The user as the login call returns it (`POST /api/auth/login`, `GET /api/auth/me`). */
export type SessionUser = Pick<UserView, 'id' | 'username' | 'displayName' | 'orgUnitId' | 'orgPath' | 'roles' | 'active'>;

/** Statuses in which the complaint is still being worked and its clock runs. */
export const OPEN_STATUSES = ['received', 'assigned', 'in_progress'] as const satisfies readonly ComplaintStatus[];

/** Channels transferred in from outside; they carry an external reference (mirrors TRANSFERRED_CHANNELS). */
export const TRANSFERRED_CHANNELS: readonly string[] = ['hotline_12345', 'hotline_12363', 'regulator_transfer'] satisfies Channel[];

/** One audit log entry (`GET /api/audit-log`) and the chain check (`GET /api/audit-log/verify`). */
export type AuditLogEntry = AuditView;
export type AuditChainVerification = AuditVerifyResult;
