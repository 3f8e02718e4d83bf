/**
 * Mystery-shopper inspections through the REST API of the real platform: gateway, TWO
 * inspections-service instances (their overdue timers racing), a private NATS with
 * JetStream and fresh databases; the demo directory's users (inspector at 消保办, handler at
 * 资阳分行, auditor, staff).
 */
import { randomUUID } from 'node:crypto';
import type { Schemas } from '@xb/api-client';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@xb/test-kit';
import ExcelJS from 'exceljs';
import { api, startStack, type Stack } from '../src/stack.js';

// Answer types from the OpenAPI document (checked against every answer at run time by api()).
type S = Schemas;
type InspectionView = S['InspectionView'];
type RectificationView = S['RectificationView'];
type TemplateView = S['TemplateView'];

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A small template: two dimensions, a red-line item with photo-on-fail, an N/A-able item and a 0–4 scale. */
const TEMPLATE = {
  key: 'e2e-outlet',
  name: '网点暗访（系统测试）',
  passMark: 80,
  dimensions: [
    { key: 'env', name: '营业环境及设施', weight: 40, passMark: 80 },
    { key: 'teller', name: '柜员服务', weight: 60, passMark: 80 },
  ],
  items: [
    { key: 'env.hotline', dimensionKey: 'env', text: '投诉电话公示', weight: 3, answerType: 'pass_fail', naAllowed: false, redLine: true, photoOnFail: true },
    { key: 'env.price', dimensionKey: 'env', text: '价格公示', weight: 2, answerType: 'pass_fail', naAllowed: true, redLine: false, photoOnFail: false },
    { key: 'teller.risk', dimensionKey: 'teller', text: '风险提示', weight: 2, answerType: 'pass_fail', naAllowed: false, redLine: false, photoOnFail: false },
    { key: 'teller.count', dimensionKey: 'teller', text: '唱收唱付', weight: 1, answerType: 'scale', scaleMax: 4, passAt: 3, naAllowed: false, redLine: false, photoOnFail: false },
  ],
};
const answers = (over: Record<string, string | number> = {}) =>
  TEMPLATE.items.map((i) => ({ itemKey: i.key, value: over[i.key] ?? (i.answerType === 'scale' ? 4 : 'pass'), ...(over[i.key] === 'fail' && i.photoOnFail ? { fileIds: [randomUUID()] } : {}) }));

describe('inspections through the API (gateway + 2 inspections instances, real PostgreSQL and JetStream)', () => {
  let stack: Stack;
  let units: Record<string, string>;
  let admin: ReturnType<typeof api>;
  let inspector: ReturnType<typeof api>;
  let handler: ReturnType<typeof api>; // 资阳分行: the outlet OT-AJ-1 lies below it
  let handlerMy: ReturnType<typeof api>; // 绵阳分行: another branch
  let auditor: ReturnType<typeof api>;
  let staff: ReturnType<typeof api>;
  let v1: TemplateView;

  beforeAll(async () => {
    stack = await startStack({ name: 'inspections_e2e', services: ['inspections'], instances: { inspections: 2 }, env: { inspections: { OVERDUE_INTERVAL_MS: '250' } } });
    units = Object.fromEntries((await stack.sql<{ id: string; code: string }>('gateway', 'SELECT id, code FROM org_unit')).map((r) => [r.code, r.id]));
    [admin, inspector, handler, handlerMy, auditor, staff] = await Promise.all(
      ['admin', 'inspector', 'handler', 'handler.my', 'auditor', 'staff'].map(async (u) => api(stack.baseUrl, await stack.login(u))),
    );
    const draft = await admin.post('/api/inspection-templates', TEMPLATE);
    expect(draft.status).toBe(201);
    const published = await admin.post(`/api/inspection-templates/${draft.body.id}/publish`);
    expect(published.status).toBe(200);
    v1 = published.body;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const plan = async () => {
    const res = await inspector.post('/api/inspections', { outletId: units['OT-AJ-1'], templateId: v1.id, scenario: '理财咨询', plannedDate: today() });
    expect(res.status).toBe(201);
    return res.body as InspectionView;
  };
  const submit = async (id: string, over: Record<string, string | number>) => {
    const res = await inspector.post(`/api/inspections/${id}/submit`, { idempotencyKey: randomUUID(), visitDate: today(), answers: answers(over) });
    expect(res.status).toBe(200);
    return res.body as InspectionView;
  };

  it('only admin manages templates: 403 for the inspector, 400 naming the field for a bad body', async () => {
    expect((await inspector.post('/api/inspection-templates', TEMPLATE)).status).toBe(403);
    const bad = await admin.post('/api/inspection-templates', { ...TEMPLATE, key: 'e2e-bad', dimensions: [{ ...TEMPLATE.dimensions[0], weight: -1 }, TEMPLATE.dimensions[1]] });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'dimensions[0].weight' })]);
    const list = await auditor.get('/api/inspection-templates?filter={"key":"e2e-outlet"}');
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toBe('inspection-templates 0-0/1');
  });

  it('publishing template v2 leaves a submitted v1 visit’s score unchanged', async () => {
    const visit = await submit((await plan()).id, { 'env.price': 'fail', 'teller.count': 2 });
    // env 3/5 = 60 %, teller (2 + 0.5)/3 = 83.33 %; total (40·0.6 + 60·0.8333)/100 = 74 %
    expect(visit.total).toBe(74);
    const draft2 = await admin.post('/api/inspection-templates', { ...TEMPLATE, dimensions: [{ ...TEMPLATE.dimensions[0], weight: 90 }, { ...TEMPLATE.dimensions[1], weight: 10 }] });
    expect(draft2.body.version).toBe(2);
    expect((await admin.put(`/api/inspection-templates/${v1.id}`, TEMPLATE)).status).toBe(409);
    expect((await admin.post(`/api/inspection-templates/${draft2.body.id}/publish`)).status).toBe(200);
    const after = (await inspector.get(`/api/inspections/${visit.id}`)).body as InspectionView;
    expect(after).toMatchObject({ total: 74, templateVersion: 1, templateId: v1.id });
    expect(after.score).toEqual(visit.score);
  });

  it('a retried submit with the same key creates one visit', async () => {
    const key = randomUUID();
    const body = { outletId: units['OT-AJ-2'], templateId: v1.id, scenario: '开卡', idempotencyKey: key, visitDate: today(), answers: answers() };
    const [a, b] = await Promise.all([inspector.post('/api/inspections/log', body), inspector.post('/api/inspections/log', body)]);
    const c = await inspector.post('/api/inspections/log', body);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
    expect(await stack.sql('inspections', 'SELECT id FROM inspection WHERE idempotency_key = $1', [key])).toHaveLength(1);
    const planned = await plan();
    const submitKey = randomUUID();
    const once = { idempotencyKey: submitKey, visitDate: today(), answers: answers() };
    const [s1, s2] = await Promise.all([inspector.post(`/api/inspections/${planned.id}/submit`, once), inspector.post(`/api/inspections/${planned.id}/submit`, once)]);
    expect([s1.status, s2.status]).toEqual([200, 200]);
    expect(s1.body.submittedAt).toBe(s2.body.submittedAt);
  });

  let rects: RectificationView[];
  it('the outlet’s handler sees neither an unreviewed visit nor the inspector; after acceptance its rectifications appear', async () => {
    const visit = await submit((await plan()).id, { 'env.hotline': 'fail', 'teller.risk': 'fail' });
    expect(visit).toMatchObject({ redLineFailed: true, passed: false });
    expect((await handler.get(`/api/inspections/${visit.id}`)).status).toBe(404);
    const hidden = await handler.get(`/api/inspections?filter=${encodeURIComponent(JSON.stringify({ id: visit.id }))}`);
    expect(hidden.body).toEqual([]);
    expect((await staff.get('/api/inspections')).status).toBe(403);
    expect((await inspector.post(`/api/inspections/${visit.id}/review`, { decision: 'accept' })).status).toBe(403);
    const accepted = await admin.post(`/api/inspections/${visit.id}/review`, { decision: 'accept' });
    expect(accepted.status).toBe(200);
    const seen = await handler.get(`/api/inspections/${visit.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'reviewed', inspectorId: null, inspectorName: null });
    const audited = await auditor.get(`/api/inspections/${visit.id}`);
    expect(audited.body.inspectorName).toBe('赵暗访');
    expect((await handlerMy.get(`/api/inspections/${visit.id}`)).status).toBe(404);
    const list = await handler.get(`/api/rectifications?filter=${encodeURIComponent(JSON.stringify({ inspectionId: visit.id }))}&sort=["deadline","ASC"]`);
    expect(list.status).toBe(200);
    rects = list.body;
    expect(rects.map((r) => [r.itemKey, r.ownerUnitId, r.status])).toEqual(
      expect.arrayContaining([
        ['env.hotline', units['OT-AJ-1'], 'open'],
        ['teller.risk', units['OT-AJ-1'], 'open'],
      ]),
    );
    expect((await handlerMy.get(`/api/rectifications/${rects[0].id}`)).status).toBe(404);
  });

  it('a rectification goes fix → rejected → fix → verified', async () => {
    const r = rects.find((x) => x.itemKey === 'env.hotline')!;
    expect((await handler.post(`/api/rectifications/${r.id}/verify`)).status).toBe(403);
    expect((await inspector.post(`/api/rectifications/${r.id}/verify`)).status).toBe(409);
    expect((await handler.post(`/api/rectifications/${r.id}/fix`, { note: '已在大厅显著位置张贴投诉电话' })).body.status).toBe('fix_submitted');
    const rejected = await inspector.post(`/api/rectifications/${r.id}/reject`, { reason: '照片未显示全景' });
    expect(rejected.body).toMatchObject({ status: 'open', rejectReason: '照片未显示全景' });
    expect((await handler.post(`/api/rectifications/${r.id}/fix`, { note: '补充全景照片' })).status).toBe(200);
    const verified = await inspector.post(`/api/rectifications/${r.id}/verify`);
    expect(verified.body).toMatchObject({ status: 'verified', rejections: 1 });
    await waitFor(async () => (await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE action = 'inspections.rectification.verified' AND resource_id = $1`, [r.id])).length === 1, {
      what: 'the verified event in the audit log',
    });
  });

  it('one past its deadline is flagged overdue and escalated once, with two instances’ timers racing', async () => {
    const r = rects.find((x) => x.itemKey === 'teller.risk')!;
    await stack.sql('inspections', `UPDATE rectification SET deadline = current_date - 2 WHERE id = $1`, [r.id]);
    await waitFor(async () => (await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE action = 'inspections.rectification.overdue' AND resource_id = $1`, [r.id])).length > 0, {
      what: 'the overdue escalation in the audit log',
    });
    const after = (await handler.get(`/api/rectifications/${r.id}`)).body as RectificationView;
    expect(after).toMatchObject({ overdue: true, escalatedToUnitId: units['SB-AJ'] });
    // Both instances keep ticking; the escalation stays single.
    const ticks = await stack.sql<{ n: number }>('inspections', `SELECT count(*)::int AS n FROM outbox_event WHERE subject = 'events.inspections.rectification.overdue'`);
    expect(ticks[0].n).toBe(1);
    expect((await handler.get(`/api/rectifications?filter={"overdue":true}`)).body.map((x: RectificationView) => x.id)).toEqual([r.id]);
  });

  it('the analysis answers by branch as a ratio of totals', async () => {
    const res = await auditor.get(`/api/inspections/analysis?from=${today().slice(0, 4)}-01-01&to=${today()}&groupBy=branch`);
    expect(res.status).toBe(200);
    expect(res.body.method).toBe('ratio-of-totals');
    expect(res.body.groups.map((g: { name: string }) => g.name)).toEqual(['资阳分行']);
    expect(res.body.groups[0].redLineFailedVisits).toBe(1);
    expect((await auditor.get('/api/inspections/analysis?from=2026-01-01&to=2026-12-31&groupBy=city')).status).toBe(400);
  });

  it('the quarterly 通报 is an Excel workbook or a printable HTML page with charts', async () => {
    const year = Number(today().slice(0, 4));
    const quarter = Math.floor((Number(today().slice(5, 7)) - 1) / 3) + 1;
    const page = await auditor.get(`/api/inspections/reports/quarterly?year=${year}&quarter=${quarter}&format=html`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain(`${year}年第${quarter}季度神秘人暗访情况通报`);
    expect(page.text).toContain('<svg');
    expect(page.text).toContain('资阳分行');
    const book = await auditor
      .get(`/api/inspections/reports/quarterly?year=${year}&quarter=${quarter}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(book.status).toBe(200);
    expect(book.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(book.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['通报', '按分行', '按网点', '季度趋势']);
    expect(wb.getWorksheet('按分行')!.getRow(4).getCell(1).value).toBe('资阳分行');
    expect((await staff.get(`/api/inspections/reports/quarterly?year=${year}&quarter=${quarter}`)).status).toBe(403);
  });
});
