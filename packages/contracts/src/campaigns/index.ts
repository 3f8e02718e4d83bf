/**
 * Messages, DTOs and views of the campaigns service 宣传教育活动 (types and validation only).
 * Imported as `@xb/contracts/campaigns`; the decorator-free coded lists are `./codes`.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OneOrMany, oneOrManySchema, type ListSpec } from '../common/list-query.js';
import {
  ACTIVITY_STATUSES,
  CODE_RULE,
  SERIES_KEY_RULE,
  TARGET_METRICS,
  TOTALS_GROUP_BY,
  VENUE_TYPES,
  type ActivityAction,
  type ActivityStatus,
  type CampaignStatus,
  type Metric,
  type TargetMetric,
  type TotalsGroupBy,
  type VenueType,
} from './codes.js';

export * from './codes.js';
export * from './permissions.js';

/** The registry name of the service: message prefix, queue group, health pattern. */
export const CAMPAIGNS_SERVICE = 'campaigns';

/** Request-reply patterns: `<service>.<aggregate>.<verb>`. */
export const CAMPAIGNS_PATTERNS = {
  campaignCreate: 'campaigns.campaign.create',
  campaignUpdate: 'campaigns.campaign.update',
  campaignClose: 'campaigns.campaign.close',
  campaignGet: 'campaigns.campaign.get',
  campaignList: 'campaigns.campaign.list',
  totals: 'campaigns.campaign.totals',
  summary: 'campaigns.campaign.summary',
  report: 'campaigns.campaign.report',
  activityCreate: 'campaigns.activity.create',
  activityUpdate: 'campaigns.activity.update',
  activityAct: 'campaigns.activity.act',
  activityGet: 'campaigns.activity.get',
  activityList: 'campaigns.activity.list',
  activityImport: 'campaigns.activity.import',
  activityAttach: 'campaigns.activity.attach',
  importTemplate: 'campaigns.activity.import-template',
} as const;

/** Durable domain events: `<service>.<aggregate>.<past-tense>`. */
export const CAMPAIGNS_EVENTS = {
  campaignCreated: 'campaigns.campaign.created',
  campaignClosed: 'campaigns.campaign.closed',
  activityVerified: 'campaigns.activity.verified',
  activityUnverified: 'campaigns.activity.unverified',
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CampaignTargetDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The unit the target is for (its subtree); absent: the whole campaign' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;

  @ApiProperty({ enum: TARGET_METRICS })
  @IsIn(TARGET_METRICS)
  metric: TargetMetric;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  value: number;
}

export class CampaignRulesDto {
  @ApiPropertyOptional({ description: 'Staff taking part may not exceed people reached (default true)' })
  @IsOptional()
  @IsBoolean()
  staffAtMostPeople?: boolean;

  @ApiPropertyOptional({ description: 'An activity must carry at least one evidence file to be submitted (default false)' })
  @IsOptional()
  @IsBoolean()
  evidenceRequired?: boolean;

  @ApiPropertyOptional({ description: 'Most people reached one activity may report (default none)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  maxPeoplePerActivity?: number;
}

export class CreateCampaignDto {
  @ApiProperty({ example: 'financial_literacy_month', description: 'Series key that survives renames; year-on-year compares the same key' })
  @IsString()
  @Matches(SERIES_KEY_RULE, { message: 'seriesKey must be lower-case letters, digits and _' })
  seriesKey: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: '金融教育宣传月' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: '普及金融知识 守住钱袋子' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  theme?: string;

  @ApiProperty({ example: '2026-09-01' })
  @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startDate: string;

  @ApiProperty({ example: '2026-09-30' })
  @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endDate: string;

  @ApiProperty({ format: 'uuid', description: 'Organising unit; its subtree takes part' })
  @IsUUID()
  orgUnitId: string;

  @ApiPropertyOptional({ type: [String], example: ['个人征信', '防范电信网络诈骗'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Target-group codes reports may use (default: the standard list)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CODE_RULE, { each: true, message: 'targetGroups must be codes (lower-case letters, digits, _)' })
  targetGroups?: string[];

  @ApiPropertyOptional({ type: [CampaignTargetDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => CampaignTargetDto)
  targets?: CampaignTargetDto[];

  @ApiPropertyOptional({ type: CampaignRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignRulesDto)
  rules?: CampaignRulesDto;
}

/** An update sends the whole campaign again plus the version it read. */
export class UpdateCampaignDto extends CreateCampaignDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

export class ActivityFieldsDto {
  @ApiProperty({ example: '2026-09-12' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date: string;

  @ApiProperty({ enum: VENUE_TYPES })
  @IsIn(VENUE_TYPES)
  venueType: VenueType;

  @ApiProperty({ type: [String], example: ['elderly'] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CODE_RULE, { each: true, message: 'targetGroups must be codes' })
  targetGroups: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  topics?: string[];

  @ApiProperty({ minimum: 0, example: 1 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  sessions: number;

  @ApiProperty({ type: [String], description: 'Users of the directory who took part (distinct staff and person-times are counted from them)' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  staffIds: string[];

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  materials: number;

  @ApiProperty({ minimum: 0, description: 'People reached in person or by direct contact' })
  @IsInt()
  @Min(0, { message: 'peopleReached must not be negative' })
  @Max(100_000_000)
  peopleReached: number;

  @ApiProperty({ minimum: 0, description: 'Online views, kept apart from people reached' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  onlineViews: number;

  @ApiProperty({ description: 'E-posters were shown at the outlet' })
  @IsBoolean()
  eposters: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'Uploaded evidence files (POST /api/files, purpose campaigns.activity); the gateway attaches them after the create' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  fileIds?: string[];
}

export class CreateActivityDto extends ActivityFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  campaignId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The reporting unit: your own (default)' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class UpdateActivityDto extends ActivityFieldsDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

export class ActivityActionDto {
  @ApiProperty({ enum: ['submit', 'verify', 'return', 'unverify'] })
  @IsIn(['submit', 'verify', 'return', 'unverify'])
  action: Exclude<ActivityAction, 'edit'>;

  @ApiPropertyOptional({ description: 'Required when returning or un-verifying' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

export class CampaignListFilterDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  year?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SERIES_KEY_RULE)
  seriesKey?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: CampaignStatus;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }), description: 'react-admin getMany' })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}
export const CAMPAIGN_SORT_FIELDS = ['id', 'year', 'name', 'seriesKey', 'startDate', 'createdAt'] as const;
export type CampaignSortField = (typeof CAMPAIGN_SORT_FIELDS)[number];
export const CAMPAIGN_LIST: ListSpec<CampaignListFilterDto, CampaignSortField> = { filter: CampaignListFilterDto, sort: CAMPAIGN_SORT_FIELDS, defaultSort: ['startDate', 'DESC'] };

export class ActivityListFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: ACTIVITY_STATUSES }) })
  @IsOptional()
  @OneOrMany()
  @IsIn(ACTIVITY_STATUSES, { each: true })
  status?: ActivityStatus | ActivityStatus[];

  @ApiPropertyOptional({ format: 'uuid', description: 'This unit and everything below it' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ description: 'Only activities the caller may verify now (the verification queue)' })
  @IsOptional()
  @IsBoolean()
  toVerify?: boolean;

  @ApiPropertyOptional({ enum: VENUE_TYPES })
  @IsOptional()
  @IsIn(VENUE_TYPES)
  venueType?: VenueType;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }), description: 'react-admin getMany' })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}
export const ACTIVITY_SORT_FIELDS = ['id', 'date', 'status', 'peopleReached', 'sessions', 'createdAt'] as const;
export type ActivitySortField = (typeof ACTIVITY_SORT_FIELDS)[number];
export const ACTIVITY_LIST: ListSpec<ActivityListFilterDto, ActivitySortField> = { filter: ActivityListFilterDto, sort: ACTIVITY_SORT_FIELDS, defaultSort: ['date', 'DESC'] };

export class TotalsQueryDto {
  @ApiPropertyOptional({ enum: TOTALS_GROUP_BY, default: 'unit' })
  @IsOptional()
  @IsIn(TOTALS_GROUP_BY)
  groupBy?: TotalsGroupBy;

  @ApiPropertyOptional({ format: 'uuid', description: 'Roll up from this unit (default: the campaign’s organising unit, or your own unit when lower)' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class SummaryQueryDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export interface CampaignTargetView {
  orgUnitId: string | null;
  metric: TargetMetric;
  value: number;
}

/** A campaign's rules for its activities' figures, as stored (defaults filled in). */
export interface CampaignRulesView {
  staffAtMostPeople: boolean;
  evidenceRequired: boolean;
  maxPeoplePerActivity: number | null;
}

/** A campaign named elsewhere (year on year's previous campaign). */
export interface CampaignRefView {
  id: string;
  name: string;
  year: number;
}

/** `GET /api/campaigns/:id`, `POST /api/campaigns`, `PUT /api/campaigns/:id`, `POST /api/campaigns/:id/close`. */
export interface CampaignView {
  id: string;
  seriesKey: string;
  year: number;
  name: string;
  theme: string | null;
  startDate: string;
  endDate: string;
  orgUnitId: string;
  orgUnitName: string;
  orgPath: string;
  topics: string[];
  targetGroups: string[];
  targets: CampaignTargetView[];
  rules: CampaignRulesView;
  status: CampaignStatus;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  version: number;
  availableActions: ('edit' | 'close')[];
}

/** `GET /api/campaign-activities/:id` and every write of one activity (create, edit, attach, submit, verify, return, unverify). */
export interface ActivityView {
  id: string;
  campaignId: string;
  campaignName: string;
  orgUnitId: string;
  orgUnitName: string;
  orgUnitType: string;
  orgPath: string;
  date: string;
  venueType: VenueType;
  targetGroups: string[];
  topics: string[];
  sessions: number;
  staffIds: string[];
  materials: number;
  peopleReached: number;
  onlineViews: number;
  eposters: boolean;
  description: string | null;
  fileIds: string[];
  status: ActivityStatus;
  returnReason: string | null;
  reportedBy: string;
  verifiedBy: string | null;
  verifiedAt: string | null;
  createdAt: string;
  version: number;
  availableActions: ActivityAction[];
}

/** Figures of one group (only verified activities). */
export type MetricValues = Record<Metric, number>;

export interface ProgressView {
  metric: TargetMetric;
  target: number;
  actual: number;
  /** actual / target × 100, one decimal; null when the target is 0. */
  percent: number | null;
}

/** Year on year for one metric: null `changePercent` means "no comparison" (no previous campaign, or 0 then). */
export interface YearOnYearView {
  metric: Metric;
  current: number;
  previous: number | null;
  changePercent: number | null;
}

export interface TotalsGroupView {
  key: string;
  label: string;
  /** groupBy=unit: the unit's path and depth below the root (0 = the root). */
  orgPath?: string;
  depth?: number;
  unitType?: string;
  values: MetricValues;
  progress: ProgressView[];
}

/** The unit totals are rolled up to. */
export interface TotalsRootView {
  orgUnitId: string;
  name: string;
  orgPath: string;
}

/** `GET /api/campaigns/:id/totals`. */
export interface CampaignTotalsView {
  campaignId: string;
  groupBy: TotalsGroupBy;
  root: TotalsRootView;
  overall: MetricValues;
  progress: ProgressView[];
  /** The same series' campaign of the previous year, or null: "no comparison". */
  previousCampaign: CampaignRefView | null;
  yearOnYear: YearOnYearView[];
  groups: TotalsGroupView[];
}

export interface CampaignSummaryRow {
  campaignId: string;
  seriesKey: string;
  name: string;
  year: number;
  values: MetricValues;
  previousCampaign: CampaignRefView | null;
  yearOnYear: YearOnYearView[];
}
/** `GET /api/campaigns/summary?year=`. */
export interface CampaignsSummaryView {
  year: number;
  overall: MetricValues;
  campaigns: CampaignSummaryRow[];
}

export interface ImportActivitiesCommand {
  campaignId: string;
  /** The xlsx file, base64. */
  file: string;
  /** Verify on import (the importer is the unit above every row's unit). */
  verify?: boolean;
  dryRun?: boolean;
}
export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}
/** `POST /api/campaign-activities/import` (200); a bad file answers 422 with `details: [{ field: 'row N: field', message }]`. */
export interface ImportActivitiesResult {
  created: number;
  dryRun: boolean;
}

export interface CampaignReportFile {
  filename: string;
  contentType: string;
  /** base64 */
  body: string;
}

/**
 * The bytes of a generated file: `GET /api/campaigns/:id/report` (text/html or .xlsx) and
 * `GET /api/campaign-activities/import/template` (.xlsx); the name in `Content-Disposition`.
 */
export type CampaignFileBody = Uint8Array;
