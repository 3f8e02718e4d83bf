import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ListResult, ParsedListQuery } from '@xb/contracts';
import type { ActivityListFilterDto, ActivitySortField, ActivityStatus, ActivityView, VenueType } from '@xb/contracts/campaigns';
import { asList, orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { affected } from '../database/affected.js';

interface ActivityRow {
  id: string;
  campaign_id: string;
  campaign_name: string;
  org_unit_id: string;
  org_unit_name: string | null;
  org_unit_type: string;
  org_path: string;
  date: string;
  venue_type: VenueType;
  target_groups: string[];
  topics: string[];
  sessions: number;
  staff_ids: string[];
  materials: number;
  people_reached: number;
  online_views: string;
  eposters: boolean;
  description: string | null;
  file_ids: string[];
  status: ActivityStatus;
  return_reason: string | null;
  reported_by: string;
  verified_by: string | null;
  verified_at: Date | null;
  created_at: Date;
  version: number;
}

export type StoredActivity = Omit<ActivityView, 'availableActions'>;

const view = (r: ActivityRow): StoredActivity => ({
  id: r.id,
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  orgUnitId: r.org_unit_id,
  orgUnitName: r.org_unit_name ?? '',
  orgUnitType: r.org_unit_type,
  orgPath: r.org_path,
  date: r.date,
  venueType: r.venue_type,
  targetGroups: r.target_groups,
  topics: r.topics,
  sessions: r.sessions,
  staffIds: r.staff_ids,
  materials: r.materials,
  peopleReached: r.people_reached,
  onlineViews: Number(r.online_views),
  eposters: r.eposters,
  description: r.description,
  fileIds: r.file_ids,
  status: r.status,
  returnReason: r.return_reason,
  reportedBy: r.reported_by,
  verifiedBy: r.verified_by,
  verifiedAt: r.verified_at ? r.verified_at.toISOString() : null,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

const SELECT = `
  SELECT a.id, a.campaign_id, c.name AS campaign_name, a.org_unit_id, u.name AS org_unit_name, a.org_unit_type, a.org_path, to_char(a.date, 'YYYY-MM-DD') AS date,
         a.venue_type, a.target_groups, a.topics, a.sessions, a.staff_ids, a.materials, a.people_reached, a.online_views, a.eposters, a.description,
         COALESCE((SELECT array_agg(f.file_id ORDER BY f.file_id) FROM activity_file f WHERE f.activity_id = a.id), '{}') AS file_ids,
         a.status, a.return_reason, a.reported_by, a.verified_by, a.verified_at, a.created_at, a.version
    FROM campaign_activity a JOIN campaign c ON c.id = a.campaign_id LEFT JOIN directory_org_unit u ON u.id = a.org_unit_id`;

const SORT_COLUMNS: Record<ActivitySortField, string> = {
  id: 'a.id',
  date: 'a.date',
  status: 'a.status',
  peopleReached: 'a.people_reached',
  sessions: 'a.sessions',
  createdAt: 'a.created_at',
};

/** One activity's stored figures (create, edit and import). */
export interface ActivityWrite {
  id: string;
  campaignId: string;
  orgUnitId: string;
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
  status: ActivityStatus;
  reportedBy: string;
  verifiedBy: string | null;
}

/** All SQL of activities. */
@Injectable()
export class ActivitiesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Inserts many activities in one statement (the rows travel as one jsonb parameter). */
  async insertMany(m: EntityManager, rows: ActivityWrite[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO campaign_activity (id, campaign_id, org_unit_id, org_unit_type, org_path, date, venue_type, target_groups, topics, sessions, staff_ids,
                                      materials, people_reached, online_views, eposters, description, status, reported_by, verified_by, verified_at)
       SELECT r."id", r."campaignId", r."orgUnitId", r."orgUnitType", r."orgPath", r."date", r."venueType",
              ARRAY(SELECT jsonb_array_elements_text(r."targetGroups")), ARRAY(SELECT jsonb_array_elements_text(r."topics")), r."sessions",
              ARRAY(SELECT jsonb_array_elements_text(r."staffIds"))::uuid[], r."materials", r."peopleReached", r."onlineViews", r."eposters", r."description",
              r."status", r."reportedBy", r."verifiedBy", CASE WHEN r."verifiedBy" IS NULL THEN NULL ELSE now() END
         FROM jsonb_to_recordset($1::jsonb) AS r("id" uuid, "campaignId" uuid, "orgUnitId" uuid, "orgUnitType" text, "orgPath" text, "date" date, "venueType" text,
              "targetGroups" jsonb, "topics" jsonb, "sessions" int, "staffIds" jsonb, "materials" int, "peopleReached" int, "onlineViews" bigint, "eposters" boolean,
              "description" text, "status" text, "reportedBy" uuid, "verifiedBy" uuid)`,
      [JSON.stringify(rows)],
    );
  }

  async addFile(m: EntityManager, activityId: string, fileId: string): Promise<void> {
    await m.query(`INSERT INTO activity_file (activity_id, file_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [activityId, fileId]);
  }

  /** Updates the figures of a draft or returned activity at `version`; false when stale or not editable. */
  async updateFigures(m: EntityManager, a: ActivityWrite, version: number): Promise<boolean> {
    const rows = (await m.query(
      `UPDATE campaign_activity SET date = $3, venue_type = $4, target_groups = $5, topics = $6, sessions = $7, staff_ids = $8, materials = $9,
              people_reached = $10, online_views = $11, eposters = $12, description = $13, version = version + 1
        WHERE id = $1 AND version = $2 AND status IN ('draft', 'returned') RETURNING id`,
      [a.id, version, a.date, a.venueType, a.targetGroups, a.topics, a.sessions, a.staffIds, a.materials, a.peopleReached, a.onlineViews, a.eposters, a.description],
    )) as unknown;
    return affected(rows) > 0;
  }

  /** Moves the activity from `from` to `to` at `version`; false when someone else moved it first. */
  async transition(
    m: EntityManager,
    id: string,
    version: number,
    from: readonly ActivityStatus[],
    to: ActivityStatus,
    extra: { returnReason?: string | null; verifiedBy?: string | null },
  ): Promise<boolean> {
    const rows = (await m.query(
      `UPDATE campaign_activity SET status = $4, version = version + 1,
              return_reason = CASE WHEN $4 = 'returned' THEN $5 ELSE NULL END,
              verified_by = CASE WHEN $4 = 'verified' THEN $6::uuid ELSE NULL END,
              verified_at = CASE WHEN $4 = 'verified' THEN now() ELSE NULL END
        WHERE id = $1 AND version = $2 AND status = ANY($3::text[]) RETURNING id`,
      [id, version, from, to, extra.returnReason ?? null, extra.verifiedBy ?? null],
    )) as unknown;
    return affected(rows) > 0;
  }

  async find(id: string, m?: EntityManager): Promise<StoredActivity | undefined> {
    const [row] = (await (m ?? this.ds.manager).query(`${SELECT} WHERE a.id = $1`, [id])) as ActivityRow[];
    return row && view(row);
  }

  /** The activity a file is attached to. */
  async findByFile(fileId: string): Promise<StoredActivity | undefined> {
    const [row] = (await this.ds.query(`${SELECT} WHERE a.id = (SELECT activity_id FROM activity_file WHERE file_id = $1 LIMIT 1)`, [fileId])) as ActivityRow[];
    return row && view(row);
  }

  async attachedOf(fileIds: string[]): Promise<{ fileId: string; recordType: string; recordId: string }[]> {
    const rows = (await this.ds.query(`SELECT file_id, activity_id FROM activity_file WHERE file_id = ANY($1::uuid[])`, [fileIds])) as { file_id: string; activity_id: string }[];
    return rows.map((r) => ({ fileId: r.file_id, recordType: 'activity', recordId: r.activity_id }));
  }

  /**
   * A page of activities under `scope`. `verifierPath`: only submitted ones strictly below that
   * unit (the verification queue of the unit above).
   */
  async list(scope: string, q: ParsedListQuery<ActivityListFilterDto, ActivitySortField>, opts: { subtreePath?: string; verifier?: { unitId: string } }): Promise<ListResult<StoredActivity>> {
    const args: unknown[] = [`${scope.replace(/[\\%_]/g, '\\$&')}%`];
    const where = [`a.org_path LIKE $1`];
    const f = q.filter;
    if (opts.subtreePath) where.push(`a.org_path LIKE $${args.push(`${opts.subtreePath.replace(/[\\%_]/g, '\\$&')}%`)}`);
    if (f.campaignId) where.push(`a.campaign_id = $${args.push(f.campaignId)}`);
    const statuses = asList(f.status);
    if (statuses) where.push(`a.status = ANY($${args.push(statuses)}::text[])`);
    if (f.venueType) where.push(`a.venue_type = $${args.push(f.venueType)}`);
    if (opts.verifier) where.push(`a.status = 'submitted' AND a.org_unit_id <> $${args.push(opts.verifier.unitId)} AND c.status = 'open'`);
    const ids = asList(f.id);
    if (ids) where.push(`a.id = ANY($${args.push(ids)}::uuid[])`);
    const w = `WHERE ${where.join(' AND ')}`;
    const [col, order] = orderByOf(SORT_COLUMNS, q.sort);
    const [start, end] = q.range;
    const rows = (await this.ds.query(`${SELECT} ${w} ORDER BY ${col} ${order}, a.id LIMIT ${end - start + 1} OFFSET ${start}`, args)) as ActivityRow[];
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM campaign_activity a JOIN campaign c ON c.id = a.campaign_id ${w}`, args)) as { n: number }[];
    return { items: rows.map(view), total: n };
  }
}
