/**
 * Bulk import of complaints (CSV or Excel). The gateway parses the file, resolves each
 * row's `orgUnitCode` and validates; the service validates again and creates every row in
 * one transaction, or none. Row numbers count data rows from 1 (the header excluded).
 */
import { errorBody, type ErrorBody, type ErrorDetail } from '../common/errors.js';
import type { ImportColumn } from './codes.js';
import type { CreateComplaintCommand } from './dto.js';


/** Chinese column headings accepted as aliases (the template uses them in its second sheet/row notes). */
export const IMPORT_COLUMN_ALIASES: Record<string, ImportColumn> = {
  受理渠道: 'channel',
  渠道: 'channel',
  业务类别: 'businessCategory',
  投诉原因: 'cause',
  机构代码: 'orgUnitCode',
  责任机构代码: 'orgUnitCode',
  受理时间: 'receivedAt',
  客户姓名: 'customerName',
  姓名: 'customerName',
  联系电话: 'customerPhone',
  电话: 'customerPhone',
  证件号码: 'customerIdNumber',
  身份证号: 'customerIdNumber',
  身份证号码: 'customerIdNumber',
  投诉内容: 'description',
  诉求: 'demand',
  客户诉求: 'demand',
  外部编号: 'externalRef',
  转办编号: 'externalRef',
  严重程度: 'severity',
  被投诉员工: 'namedStaffUserIds',
};

/** At most this many rows per file. */
export const IMPORT_MAX_ROWS = 2000;
/** At most this many bytes per file. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** What the gateway sends: the rows, each already resolved to its org unit. */
export interface ImportComplaintsCommand {
  rows: CreateComplaintCommand[];
  dryRun?: boolean;
}

export interface ImportComplaintsResult {
  /** Rows created (0 on a dry run). */
  created: number;
  /** Rows that would be / were created. */
  valid: number;
  dryRun: boolean;
  /** Ids and references of the created complaints, in file order. */
  complaints: { row: number; id: string; reference: string }[];
}

/** An import error: the platform error body plus the per-row report. */
export interface ImportErrorBody extends ErrorBody {
  created: 0;
  errors: ImportRowError[];
}

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export function importErrorBody(statusCode: 400 | 422, errors: ImportRowError[]): ImportErrorBody {
  const details: ErrorDetail[] = errors.map((e) => ({ row: e.row, field: e.field, message: e.message }));
  const rows = new Set(errors.map((e) => e.row)).size;
  return { ...errorBody(statusCode, `Import refused: ${rows} row(s) have errors; nothing was created`, details), created: 0, errors };
}
