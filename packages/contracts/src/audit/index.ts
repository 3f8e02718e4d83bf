import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { OneOrMany, oneOrManySchema, type ListSpec } from '../common/list-query.js';

/** One entry of the hash-chained audit log, as the API returns it. */
export interface AuditView {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  details: Record<string, unknown>;
  eventId: string | null;
  correlationId: string | null;
  hash: string;
  prevHash: string;
}

/** Filters of `GET /api/audit-log`. `action` matches as a prefix. */
export interface AuditFilter {
  actorUsername?: string;
  actorId?: string;
  action?: string;
  resource?: string;
  resourceId?: string;
  from?: string;
  to?: string;
}

/** The validated filter of `GET /api/audit-log`; ids are the log's sequence numbers. */
export class AuditListFilterDto implements AuditFilter {
  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actorUsername?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'Action prefix, e.g. `complaints.complaint.`', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  resource?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  resourceId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'int64' }), description: 'react-admin getMany (sequence numbers)' })
  @IsOptional()
  @OneOrMany()
  @Matches(/^[1-9]\d{0,17}$/, { each: true, message: 'each value in id must be an audit entry number' })
  id?: string | string[];
}

export const AUDIT_SORT_FIELDS = ['id', 'seq', 'at', 'action', 'actorUsername', 'resource'] as const;
export type AuditSortField = (typeof AUDIT_SORT_FIELDS)[number];
export const AUDIT_LIST: ListSpec<AuditListFilterDto, AuditSortField> = { filter: AuditListFilterDto, sort: AUDIT_SORT_FIELDS, defaultSort: ['id', 'DESC'] };

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  firstBrokenId?: string;
}
