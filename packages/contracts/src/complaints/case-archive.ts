/**
 * Case archive 案例库: typical complaints with root cause, lessons and tags, readable by
 * every member of staff. An entry carries no customer field at all — not even masked —
 * only the complaint's facts, its description and what was learned.
 */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOrMany, oneOrManySchema, type ListSpec } from '../common/list-query.js';
import type { BusinessCategory, Cause, Channel, Outcome, Severity } from './codes.js';
import { ComplaintCodeFilterDto } from './dto.js';

export interface CaseArchiveEntryView {
  /** The complaint's id. */
  id: string;
  reference: string;
  channel: Channel;
  businessCategory: BusinessCategory;
  cause: Cause;
  severity: Severity;
  orgUnitId: string;
  orgUnitName: string;
  receivedAt: string;
  resolvedAt: string | null;
  outcome: Outcome | null;
  resolution: string | null;
  compensationAmount: number | null;
  description: string;
  rootCause: string;
  lessons: string;
  tags: string[];
  markedBy: { id: string; username: string };
  markedAt: string;
  updatedAt: string;
}

/** `q` is free text on reference, description, root cause and lessons. */
export class CaseArchiveFilterDto extends ComplaintCodeFilterDto {
  /** Any of these tags. */
  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string' }), description: 'Any of these tags' })
  @IsOptional()
  @OneOrMany()
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  tags?: string | string[];
}

export const CASE_ARCHIVE_SORT_FIELDS = ['id', 'markedAt', 'receivedAt', 'reference', 'businessCategory', 'cause'] as const;
export type CaseArchiveSortField = (typeof CASE_ARCHIVE_SORT_FIELDS)[number];
export const CASE_ARCHIVE_LIST: ListSpec<CaseArchiveFilterDto, CaseArchiveSortField> = {
  filter: CaseArchiveFilterDto,
  sort: CASE_ARCHIVE_SORT_FIELDS,
  defaultSort: ['markedAt', 'DESC'],
};
