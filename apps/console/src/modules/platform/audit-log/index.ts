import AuditIcon from '@mui/icons-material/Policy';
import type { AuditLogEntry } from '../../../types';
import { AuditLogList } from './AuditLogList';

/** 审计日志: read-only, hash-chained; rows expand to their details. */
export default {
  list: AuditLogList,
  icon: AuditIcon,
  recordRepresentation: (record: AuditLogEntry) => `#${record.seq}`,
};
