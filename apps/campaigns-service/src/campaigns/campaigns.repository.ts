import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ListResult, ParsedListQuery } from '@xb/contracts';
import type { CampaignListFilterDto, CampaignSortField, CampaignTargetView, CampaignView } from '@xb/contracts/campaigns';
import { asList, likeContaining, orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { affected } from '../database/affected.js';

interface CampaignRow {
  id: string;
  series_key: string;
  year: number;
  name: string;
  theme: string | null;
  start_date: string;
  end_date: string;
  org_unit_id: string;
  org_unit_name: string | null;
  org_path: string;
  topics: string[];
  target_groups: string[];
  rules: CampaignView['rules'];
  status: CampaignView['status'];
  created_by: string;
  created_at: Date;
  closed_at: Date | null;
  version: number;
  targets: CampaignTargetView[] | null;
}

/** A campaign as stored (availableActions are the service's). */
export type StoredCampaign = Omit<CampaignView, 'availableActions'>;

const view = (r: CampaignRow): StoredCampaign => ({
  id: r.id,
  seriesKey: r.series_key,
  year: r.year,
  name: r.name,
  theme: r.theme,
  startDate: r.start_date,
  endDate: r.end_date,
  orgUnitId: r.org_unit_id,
  orgUnitName: r.org_unit_name ?? '',
  orgPath: r.org_path,
  topics: r.topics,
  targetGroups: r.target_groups,
  targets: (r.targets ?? []).map((t) => ({ orgUnitId: t.orgUnitId, metric: t.metric, value: Number(t.value) })),
  rules: r.rules,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  closedAt: r.closed_at ? r.closed_at.toISOString() : null,
  version: r.version,
});

const SELECT = `
  SELECT c.id, c.series_key, c.year, c.name, c.theme, to_char(c.start_date, 'YYYY-MM-DD') AS start_date, to_char(c.end_date, 'YYYY-MM-DD') AS end_date,
         c.org_unit_id, u.name AS org_unit_name, c.org_path, c.topics, c.target_groups, c.rules, c.status, c.created_by, c.created_at, c.closed_at, c.version,
         (SELECT json_agg(json_build_object('orgUnitId', t.org_unit_id, 'metric', t.metric, 'value', t.value) ORDER BY t.org_unit_id NULLS FIRST, t.metric)
            FROM campaign_target t WHERE t.campaign_id = c.id) AS targets
    FROM campaign c LEFT JOIN directory_org_unit u ON u.id = c.org_unit_id`;

const SORT_COLUMNS: Record<CampaignSortField, string> = {
  id: 'c.id',
  year: 'c.year',
  name: 'c.name',
  seriesKey: 'c.series_key',
  startDate: 'c.start_date',
  createdAt: 'c.created_at',
};

export interface CampaignWrite {
  seriesKey: string;
  year: number;
  name: string;
  theme: string | null;
  startDate: string;
  endDate: string;
  orgUnitId: string;
  orgPath: string;
  topics: string[];
  targetGroups: string[];
  rules: CampaignView['rules'];
  targets: CampaignTargetView[];
}

/** All SQL of campaigns and their targets. */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(m: EntityManager, id: string, c: CampaignWrite, createdBy: string): Promise<void> {
    await m.query(
      `INSERT INTO campaign (id, series_key, year, name, theme, start_date, end_date, org_unit_id, org_path, topics, target_groups, rules, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [id, c.seriesKey, c.year, c.name, c.theme, c.startDate, c.endDate, c.orgUnitId, c.orgPath, c.topics, c.targetGroups, JSON.stringify(c.rules), createdBy],
    );
    await this.writeTargets(m, id, c.targets);
  }

  /** Updates when `version` is current; false otherwise. */
  async update(m: EntityManager, id: string, version: number, c: CampaignWrite): Promise<boolean> {
    const rows = (await m.query(
      `UPDATE campaign SET series_key = $3, year = $4, name = $5, theme = $6, start_date = $7, end_date = $8, org_unit_id = $9, org_path = $10,
              topics = $11, target_groups = $12, rules = $13, version = version + 1
        WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, c.seriesKey, c.year, c.name, c.theme, c.startDate, c.endDate, c.orgUnitId, c.orgPath, c.topics, c.targetGroups, JSON.stringify(c.rules)],
    )) as unknown;
    if (!affected(rows)) return false;
    await m.query(`DELETE FROM campaign_target WHERE campaign_id = $1`, [id]);
    await this.writeTargets(m, id, c.targets);
    return true;
  }

  private async writeTargets(m: EntityManager, id: string, targets: CampaignTargetView[]): Promise<void> {
    if (!targets.length) return;
    await m.query(
      `INSERT INTO campaign_target (campaign_id, org_unit_id, metric, value)
       SELECT $1, t.org_unit_id, t.metric, t.value FROM unnest($2::uuid[], $3::text[], $4::bigint[]) AS t(org_unit_id, metric, value)`,
      [id, targets.map((t) => t.orgUnitId), targets.map((t) => t.metric), targets.map((t) => t.value)],
    );
  }

  async close(m: EntityManager, id: string, version: number): Promise<boolean> {
    const rows = (await m.query(`UPDATE campaign SET status = 'closed', closed_at = now(), version = version + 1 WHERE id = $1 AND version = $2 AND status = 'open' RETURNING id`, [
      id,
      version,
    ])) as unknown;
    return affected(rows) > 0;
  }

  async find(id: string, m?: EntityManager): Promise<StoredCampaign | undefined> {
    const [row] = (await (m ?? this.ds.manager).query(`${SELECT} WHERE c.id = $1`, [id])) as CampaignRow[];
    return row && view(row);
  }

  /** The same series' campaign of `year` organised by the same unit (year on year across renames). */
  async findInSeries(seriesKey: string, year: number, orgUnitId: string): Promise<StoredCampaign | undefined> {
    const [row] = (await this.ds.query(`${SELECT} WHERE c.series_key = $1 AND c.year = $2 AND c.org_unit_id = $3`, [seriesKey, year, orgUnitId])) as CampaignRow[];
    return row && view(row);
  }

  async ofYear(year: number): Promise<StoredCampaign[]> {
    return ((await this.ds.query(`${SELECT} WHERE c.year = $1 ORDER BY c.start_date, c.name`, [year])) as CampaignRow[]).map(view);
  }

  async list(q: ParsedListQuery<CampaignListFilterDto, CampaignSortField>): Promise<ListResult<StoredCampaign>> {
    const where: string[] = [];
    const args: unknown[] = [];
    const f = q.filter;
    if (f.q) where.push(`(c.name ILIKE $${args.push(likeContaining(f.q))} OR c.theme ILIKE $${args.length} OR c.series_key ILIKE $${args.length})`);
    if (f.year !== undefined) where.push(`c.year = $${args.push(f.year)}`);
    if (f.seriesKey) where.push(`c.series_key = $${args.push(f.seriesKey)}`);
    if (f.status) where.push(`c.status = $${args.push(f.status)}`);
    const ids = asList(f.id);
    if (ids) where.push(`c.id = ANY($${args.push(ids)}::uuid[])`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [col, order] = orderByOf(SORT_COLUMNS, q.sort);
    const [start, end] = q.range;
    const rows = (await this.ds.query(`${SELECT} ${w} ORDER BY ${col} ${order}, c.id LIMIT ${end - start + 1} OFFSET ${start}`, args)) as CampaignRow[];
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM campaign c ${w}`, args)) as { n: number }[];
    return { items: rows.map(view), total: n };
  }
}
