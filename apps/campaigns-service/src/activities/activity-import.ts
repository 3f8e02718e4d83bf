import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isWithinPath, mayDo, scopePathOf, type Actor, type ErrorDetail } from '@xb/contracts';
import {
  ActivityFieldsDto,
  CAMPAIGN_IMPORT_COLUMNS,
  CAMPAIGN_IMPORT_MAX_BYTES,
  CAMPAIGN_IMPORT_MAX_ROWS,
  TARGET_GROUP_LABELS,
  VENUE_LABELS,
  VENUE_TYPES,
  type ImportActivitiesResult,
  type VenueType,
} from '@xb/contracts/campaigns';
import { badRequest, conflict, forbidden, unprocessable, validationDetails } from '@xb/service-kit';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { CampaignsRepository } from '../campaigns/campaigns.repository.js';
import { idOf } from '../campaigns/campaigns.service.js';
import type { ActivityWrite } from './activities.repository.js';
import { ActivitiesService } from './activities.service.js';
import { activityRuleErrors } from './activity-rules.js';

type Field = (typeof CAMPAIGN_IMPORT_COLUMNS)[number]['field'];
const HEADER_TO_FIELD = new Map<string, Field>(CAMPAIGN_IMPORT_COLUMNS.flatMap((c) => [[c.field.toLowerCase(), c.field] as const, [c.zh, c.field] as const]));
const VENUE_BY_LABEL = new Map<string, VenueType>(VENUE_TYPES.flatMap((v) => [[v, v] as const, [VENUE_LABELS[v].zh, v] as const]));
const GROUP_BY_LABEL = new Map<string, string>(Object.entries(TARGET_GROUP_LABELS).flatMap(([code, l]) => [[code, code] as const, [l.zh, code] as const]));
const list = (s: string) => s.split(/[,，、;；\s]+/).map((x) => x.trim()).filter(Boolean);
const YES = new Set(['是', 'y', 'yes', 'true', '1', '有']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '无', '']);

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
  }
  return String(v).trim();
}

/** The import template: the Chinese headers and one example row. */
export async function importTemplate(unitCode: string, date: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('活动上报');
  ws.addRow(CAMPAIGN_IMPORT_COLUMNS.map((c) => c.zh));
  ws.addRow([unitCode, date, '进社区', '老年人、社会公众', '防范电信网络诈骗', 1, '', 200, 150, 0, '是', '社区宣讲']);
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Bulk import 批量导入 of activities from an .xlsx file: every row is checked (unit in the
 * campaign and your scope, figures, the campaign's rules, staff by username) and then all
 * rows are created in one transaction — or none, with each bad row and field named.
 */
@Injectable()
export class ActivityImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly activities: ActivitiesService,
  ) {}

  async template(actor: Actor, data: unknown): Promise<{ filename: string; contentType: string; body: string }> {
    if (!mayDo(actor.roles, 'campaign-activities', 'import')) throw forbidden();
    const campaign = await this.campaigns.find(idOf(data, 'campaignId'));
    if (!campaign) throw badRequest('Validation failed', [{ field: 'campaignId', message: 'unknown campaign' }]);
    const [unit] = (await this.ds.query(`SELECT code FROM directory_org_unit WHERE id = $1`, [actor.orgUnitId])) as { code: string }[];
    const body = await importTemplate(unit?.code ?? 'OT-XXX-1', campaign.startDate);
    return { filename: `${campaign.year}-${campaign.seriesKey}-import.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: body.toString('base64') };
  }

  async import(actor: Actor, data: unknown): Promise<ImportActivitiesResult> {
    if (!mayDo(actor.roles, 'campaign-activities', 'import')) throw forbidden();
    const campaignId = idOf(data, 'campaignId');
    const { file, verify = false, dryRun = false } = data as { file?: unknown; verify?: unknown; dryRun?: unknown };
    if (typeof file !== 'string' || !file.length) throw badRequest('Validation failed', [{ field: 'file', message: 'the .xlsx file (base64) is required' }]);
    if (verify === true && !mayDo(actor.roles, 'campaign-activities', 'verify')) throw forbidden('Your role may not verify activities');
    if (typeof verify !== 'boolean' || typeof dryRun !== 'boolean') throw badRequest('Validation failed', [{ field: 'verify', message: 'verify and dryRun are booleans' }]);
    const bytes = Buffer.from(file, 'base64');
    if (bytes.length > CAMPAIGN_IMPORT_MAX_BYTES) throw badRequest('Validation failed', [{ field: 'file', message: `at most ${CAMPAIGN_IMPORT_MAX_BYTES} bytes` }]);
    const campaign = await this.campaigns.find(campaignId);
    if (!campaign) throw badRequest('Validation failed', [{ field: 'campaignId', message: 'unknown campaign' }]);
    if (campaign.status !== 'open') throw conflict('The campaign is closed');

    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw badRequest('Validation failed', [{ field: 'file', message: 'not a readable .xlsx file' }]);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw badRequest('Validation failed', [{ field: 'file', message: 'the workbook has no sheet' }]);
    const columns = new Map<number, Field>();
    ws.getRow(1).eachCell((cell, col) => {
      const f = HEADER_TO_FIELD.get(cellText(cell.value)) ?? HEADER_TO_FIELD.get(cellText(cell.value).toLowerCase());
      if (f) columns.set(col, f);
    });
    const missing = ['unitCode', 'date', 'venueType', 'sessions', 'peopleReached'].filter((f) => ![...columns.values()].includes(f as Field));
    if (missing.length) throw badRequest('Validation failed', [{ field: 'file', message: `missing columns: ${missing.join(', ')}` }]);

    const raw: { row: number; values: Partial<Record<Field, string>> }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      if (n === 1) return;
      const values: Partial<Record<Field, string>> = {};
      for (const [col, field] of columns) values[field] = cellText(row.getCell(col).value);
      if (Object.values(values).some((v) => v)) raw.push({ row: n, values });
    });
    if (!raw.length) throw badRequest('Validation failed', [{ field: 'file', message: 'no data rows' }]);
    if (raw.length > CAMPAIGN_IMPORT_MAX_ROWS) throw badRequest('Validation failed', [{ field: 'file', message: `at most ${CAMPAIGN_IMPORT_MAX_ROWS} rows per import` }]);

    // Units by code and staff by username, from the directory replica, in two queries.
    const codes = [...new Set(raw.map((r) => r.values.unitCode ?? ''))];
    const units = new Map(
      ((await this.ds.query(`SELECT id, code, type, path FROM directory_org_unit WHERE code = ANY($1::text[]) AND NOT deleted`, [codes])) as { id: string; code: string; type: string; path: string }[]).map(
        (u) => [u.code, u],
      ),
    );
    const usernames = [...new Set(raw.flatMap((r) => list(r.values.staff ?? '')))];
    const staff = new Map(
      (
        (await this.ds.query(
          `SELECT p.id, p.username, u.path FROM directory_user p JOIN directory_org_unit u ON u.id = p.org_unit_id WHERE p.username = ANY($1::text[]) AND NOT p.deleted`,
          [usernames],
        )) as { id: string; username: string; path: string }[]
      ).map((p) => [p.username, p]),
    );

    const scope = scopePathOf(actor);
    const errors: ErrorDetail[] = [];
    const rows: ActivityWrite[] = [];
    const fail = (row: number, field: string, message: string) => errors.push({ field: `row ${row}: ${field}`, message: `row ${row}, ${field}: ${message}` });
    for (const { row, values: v } of raw) {
      const unit = units.get(v.unitCode ?? '');
      let bad = false;
      if (!unit) {
        fail(row, 'unitCode', `unknown unit code "${v.unitCode ?? ''}"`);
        bad = true;
      } else if (!isWithinPath(unit.path, campaign.orgPath)) {
        fail(row, 'unitCode', 'the unit does not take part in this campaign');
        bad = true;
      } else if (!isWithinPath(unit.path, scope)) {
        fail(row, 'unitCode', 'the unit lies outside your scope');
        bad = true;
      } else if (verify && unit.id === actor.orgUnitId) {
        fail(row, 'unitCode', 'your own unit’s activities are verified by the unit above');
        bad = true;
      }
      const staffIds: string[] = [];
      for (const name of list(v.staff ?? '')) {
        const p = staff.get(name);
        if (!p || !isWithinPath(p.path, campaign.orgPath)) {
          fail(row, 'staff', `unknown member of staff "${name}"`);
          bad = true;
        } else staffIds.push(p.id);
      }
      const venueType = VENUE_BY_LABEL.get(v.venueType ?? '') ?? (v.venueType as VenueType);
      const eposters = (v.eposters ?? '').toLowerCase();
      if (!YES.has(eposters) && !NO.has(eposters)) {
        fail(row, 'eposters', 'write 是 or 否');
        bad = true;
      }
      const num = (s: string | undefined) => (s === undefined || s === '' ? 0 : /^-?\d+$/.test(s) ? Number(s) : NaN);
      const fields = plainToInstance(ActivityFieldsDto, {
        date: v.date ?? '',
        venueType,
        targetGroups: list(v.targetGroups ?? '').map((g) => GROUP_BY_LABEL.get(g) ?? g),
        topics: list(v.topics ?? ''),
        sessions: num(v.sessions),
        staffIds,
        materials: num(v.materials),
        peopleReached: num(v.peopleReached),
        onlineViews: num(v.onlineViews),
        eposters: YES.has(eposters),
        description: v.description || undefined,
      });
      const invalid = validationDetails(validateSync(fields, { whitelist: true }));
      for (const e of invalid) fail(row, e.field, e.message);
      if (!invalid.length) for (const e of activityRuleErrors(campaign, fields)) fail(row, e.field, e.message);
      if (bad || invalid.length || errors.length) continue;
      rows.push({
        id: randomUUID(),
        campaignId: campaign.id,
        orgUnitId: unit!.id,
        orgUnitType: unit!.type,
        orgPath: unit!.path,
        date: fields.date,
        venueType: fields.venueType,
        targetGroups: [...new Set(fields.targetGroups)],
        topics: [...new Set(fields.topics ?? [])],
        sessions: fields.sessions,
        staffIds: [...new Set(staffIds)],
        materials: fields.materials,
        peopleReached: fields.peopleReached,
        onlineViews: fields.onlineViews,
        eposters: fields.eposters,
        description: fields.description?.trim() || null,
        status: verify ? 'verified' : 'submitted',
        reportedBy: actor.id,
        verifiedBy: verify ? actor.id : null,
      });
    }
    if (errors.length) throw unprocessable(`${errors.length} problem(s) in the file; nothing was imported`, errors.slice(0, 200));
    if (!dryRun) await this.activities.insertChecked(actor, rows);
    return { created: dryRun ? 0 : rows.length, dryRun };
  }
}
