/**
 * Case archive 案例库: typical complaints with root cause, lessons and tags, readable by
 * every member of staff. An entry carries no customer field at all — not even masked —
 * only the complaint's facts, its description and what was learned.
 */
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { BUSINESS_CATEGORY_KEYS, CAUSE_KEYS, type BusinessCategory, type Cause, type Channel, type Outcome, type Severity } from './codes.js';

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

export class CaseArchiveFilterDto {
  /** Free text on reference, description, root cause and lessons. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** Any of these tags. */
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  tags?: string | string[];

  @IsOptional()
  @IsIn(BUSINESS_CATEGORY_KEYS, { each: true })
  businessCategory?: BusinessCategory | BusinessCategory[];

  @IsOptional()
  @IsIn(CAUSE_KEYS, { each: true })
  cause?: Cause | Cause[];

  /** getMany. */
  @IsOptional()
  @IsUUID('all', { each: true })
  id?: string | string[];
}

export const CASE_ARCHIVE_SORT_FIELDS = ['markedAt', 'receivedAt', 'reference', 'businessCategory', 'cause'] as const;
