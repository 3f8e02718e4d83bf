/**
 * Messages, DTOs and views of the campaigns service (types and validation only).
 * Imported as `@xb/contracts/campaigns` (the package's `./*` subpath export).
 */
import { IsString, IsUUID, Length, Matches } from 'class-validator';

/** The registry name of the service: message prefix, queue group, health pattern. */
export const CAMPAIGNS_SERVICE = 'campaigns';

/** Request-reply patterns: `<service>.<aggregate>.<verb>`. */
export const CAMPAIGNS_PATTERNS = {
  create: 'campaigns.entry.create',
  get: 'campaigns.entry.get',
} as const;

/** Durable domain events: `<service>.<aggregate>.<past-tense>`. */
export const CAMPAIGNS_EVENTS = {
  entryCreated: 'campaigns.entry.created',
} as const;

export class CreateEntryDto {
  @IsString()
  @Length(1, 200)
  title: string;

  @IsUUID()
  orgUnitId: string;

  /** The unit's materialised path (`/<id>/…/`), as the gateway resolves it. */
  @IsString()
  @Matches(/^\/([0-9a-f-]{36}\/)+$/i, { message: 'orgPath must be a materialised path of unit ids' })
  orgPath: string;
}

export interface EntryView {
  id: string;
  title: string;
  orgUnitId: string;
  orgPath: string;
  createdBy: string;
  createdAt: string;
  version: number;
}
