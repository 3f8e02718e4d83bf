/**
 * The campaigns module through the gateway on the real stack (gateway + campaigns service,
 * private NATS, PostgreSQL): an outlet reports an activity with a photo, only a unit above
 * verifies it, the totals change, auditors read, imports are all-or-nothing, and the
 * summary report carries the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@xb/test-kit';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import request from 'supertest';
import { typedApi } from '../src/typed-api.js';
import { api, DEMO_PASSWORD, startStack, type Stack } from '../src/stack.js';

describe('campaigns through the gateway (real stack)', () => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  const unit: Record<string, string> = {};
  let campaignId: string;
  let activityId: string;
  let photoId: string;

  /** The totals through the generated client (typed by the OpenAPI document, checked against it). */
  const totals = async (token: string) => {
    const { data, response } = await typedApi(stack.baseUrl, token).GET('/api/campaigns/{id}/totals', { params: { path: { id: campaignId }, query: { groupBy: 'unit' } } });
    expect(response.status).toBe(200);
    return data!;
  };

  beforeAll(async () => {
    stack = await startStack({ name: 'campaigns', services: ['campaigns'], seed: { campaigns: 1 } });
    for (const u of ['admin', 'auditor', 'staff']) tokens[u] = await stack.login(u);
    for (const r of await stack.sql<{ id: string; code: string }>('gateway', `SELECT id, code FROM org_unit`)) unit[r.code] = r.id;
    // The branch admins who verify (资阳分行) and who must not (绵阳分行).
    for (const [username, code] of [
      ['admin.zy', 'BR-ZY'],
      ['admin.my', 'BR-MY'],
    ]) {
      await api(stack.baseUrl, tokens.admin)
        .post('/api/users', { username, displayName: username, password: DEMO_PASSWORD, orgUnitId: unit[code], roles: ['admin'] })
        .expect(201);
      tokens[username] = await stack.login(username);
    }
    const created = await api(stack.baseUrl, tokens.admin)
      .post('/api/campaigns', {
        seriesKey: 'e2e_outreach',
        year: 2026,
        name: '联调宣传周',
        startDate: '2026-03-01',
        endDate: '2026-03-31',
        orgUnitId: unit.HO,
        topics: ['防范电信网络诈骗'],
        targets: [{ metric: 'sessions', value: 10 }],
      })
      .expect(201);
    campaignId = created.body.id;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists campaigns for every member of staff with Content-Range; only admins set them up (403), bad input is 400 naming the field', async () => {
    const list = await api(stack.baseUrl, tokens.staff).get(`/api/campaigns?filter=${encodeURIComponent(JSON.stringify({ seriesKey: 'e2e_outreach' }))}`).expect(200);
    expect(list.headers['content-range']).toMatch(/^campaigns 0-0\/1$/);
    expect(list.body[0]).toMatchObject({ id: campaignId, seriesKey: 'e2e_outreach', availableActions: [] });
    await api(stack.baseUrl, tokens.staff).post('/api/campaigns', { seriesKey: 'anti_fraud' }).expect(403);
    const bad = await api(stack.baseUrl, tokens.admin)
      .post('/api/campaigns', { seriesKey: 'anti_fraud', year: 2026, name: 'x', startDate: '2026-13-01', endDate: '2026-12-31', orgUnitId: unit.HO })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('startDate');
  });

  it('an outlet reports an activity with a photo for itself only; its branch verifies it (another branch cannot); the totals change', async () => {
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();
    const up = await request(stack.baseUrl).post('/api/files').set('Authorization', `Bearer ${tokens.staff}`).field('purpose', 'campaigns.activity').attach('file', photo, { filename: '宣讲现场.png' });
    expect(up.status).toBe(201);
    photoId = up.body.id;
    const fields = {
      campaignId,
      date: '2026-03-15',
      venueType: 'community',
      targetGroups: ['elderly'],
      topics: ['防范电信网络诈骗'],
      sessions: 2,
      staffIds: [(await stack.sql<{ id: string }>('gateway', `SELECT id FROM app_user WHERE username = 'staff'`))[0].id],
      materials: 300,
      peopleReached: 180,
      onlineViews: 0,
      eposters: true,
      fileIds: [photoId],
    };
    const other = await api(stack.baseUrl, tokens.staff).post('/api/campaign-activities', { ...fields, orgUnitId: unit['OT-AJ-2'] }).expect(400);
    expect(JSON.stringify(other.body)).toContain('orgUnitId');
    const created = await api(stack.baseUrl, tokens.staff).post('/api/campaign-activities', fields).expect(201);
    activityId = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', orgUnitId: unit['OT-AJ-1'], fileIds: [photoId], availableActions: ['edit', 'submit'] });
    const submitted = await api(stack.baseUrl, tokens.staff).post(`/api/campaign-activities/${activityId}/submit`, { version: created.body.version }).expect(200);
    const before = await totals(tokens.admin);

    await api(stack.baseUrl, tokens.staff).post(`/api/campaign-activities/${activityId}/verify`, { version: submitted.body.version }).expect(403);
    await api(stack.baseUrl, tokens['admin.my']).post(`/api/campaign-activities/${activityId}/verify`, { version: submitted.body.version }).expect(404);
    await api(stack.baseUrl, tokens.auditor).post(`/api/campaign-activities/${activityId}/verify`, { version: submitted.body.version }).expect(403);
    const queue = await api(stack.baseUrl, tokens['admin.zy']).get(`/api/campaign-activities?filter=${encodeURIComponent(JSON.stringify({ toVerify: true, campaignId }))}`).expect(200);
    expect(queue.body.map((a: { id: string }) => a.id)).toEqual([activityId]);
    // The photo: the branch above and the outlet see it; another branch does not.
    await request(stack.baseUrl).get(`/api/files/${photoId}`).set('Authorization', `Bearer ${tokens['admin.zy']}`).expect(200);
    await request(stack.baseUrl).get(`/api/files/${photoId}`).set('Authorization', `Bearer ${tokens['admin.my']}`).expect(404);

    const verified = await api(stack.baseUrl, tokens['admin.zy']).post(`/api/campaign-activities/${activityId}/verify`, { version: submitted.body.version }).expect(200);
    expect(verified.body.status).toBe('verified');
    const after = await totals(tokens.admin);
    expect(after.overall.sessions - before.overall.sessions).toBe(2);
    expect(after.overall.peopleReached - before.overall.peopleReached).toBe(180);
    expect(after.overall).toMatchObject({ outlets: 1, eposterOutlets: 1, distinctStaff: 1, materials: 300 });
    expect(after.progress).toEqual([{ metric: 'sessions', target: 10, actual: 2, percent: 20 }]);
    expect(after.yearOnYear.every((y: { changePercent: unknown }) => y.changePercent === null)).toBe(true);
    // Auditors read every total; the event reached the gateway's audit log.
    expect((await totals(tokens.auditor)).overall.sessions).toBe(2);
    const [entry] = await waitFor(
      async () => {
        const rows = await stack.sql<{ details: Record<string, unknown> }>('gateway', `SELECT details FROM audit_log WHERE action = 'campaigns.activity.verified' AND resource_id = $1`, [activityId]);
        return rows.length === 1 ? rows : undefined;
      },
      { what: 'the verified event in the audit log' },
    );
    // It names the campaign and the day, so the audit log reads as words rather than an id.
    const [campaign] = await stack.sql<{ name: string }>('campaigns', 'SELECT name FROM campaign WHERE id = $1', [campaignId]);
    expect(entry.details).toMatchObject({ campaignId, campaignName: campaign.name, date: fields.date, orgUnitId: unit['OT-AJ-1'] });
  });

  it('the demo data: four series over two years with activities in every state; year on year across the renamed literacy month', async () => {
    const year = new Date().getFullYear();
    const rows = await stack.sql<{ series_key: string; year: number; n: string; states: string[] }>(
      'campaigns',
      `SELECT c.series_key, c.year, count(a.id) AS n, array_agg(DISTINCT a.status ORDER BY a.status) AS states
         FROM campaign c JOIN campaign_activity a ON a.campaign_id = c.id WHERE c.series_key <> 'e2e_outreach' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(rows).toHaveLength(8);
    for (const r of rows) expect(r.states).toEqual(['draft', 'returned', 'submitted', 'verified']);
    const [month] = (await api(stack.baseUrl, tokens.admin).get(`/api/campaigns?filter=${encodeURIComponent(JSON.stringify({ seriesKey: 'financial_literacy_month', year }))}`).expect(200)).body;
    expect(month.name).toBe('金融教育宣传月');
    const t = (await api(stack.baseUrl, tokens.admin).get(`/api/campaigns/${month.id}/totals`).expect(200)).body;
    expect(t.previousCampaign).toMatchObject({ name: '金融知识普及月·金融知识进万家', year: year - 1 });
    expect(t.yearOnYear.find((y: { metric: string }) => y.metric === 'sessions').changePercent).toEqual(expect.any(Number));
    expect(t.overall.sessions).toBeGreaterThan(0);
  });

  it('auditors read but do not report or import', async () => {
    await api(stack.baseUrl, tokens.auditor).get(`/api/campaign-activities/${activityId}`).expect(200);
    await api(stack.baseUrl, tokens.auditor).post('/api/campaign-activities', { campaignId }).expect(403);
    await request(stack.baseUrl).post('/api/campaign-activities/import').set('Authorization', `Bearer ${tokens.auditor}`).field('campaignId', campaignId).expect(403);
  });

  it('an import with one bad row creates nothing and names the row and field', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('活动上报');
    ws.addRow(['机构代码', '活动日期', '场所类型', '重点人群', '主题', '场次', '参与员工(用户名)', '发放资料', '受众人数', '线上浏览量', '电子海报', '活动简述']);
    ws.addRow(['OT-AJ-2', '2026-03-10', '进学校', '青少年/学生', '个人征信', 1, '', 50, 60, 0, '否', '']);
    ws.addRow(['OT-LZ-1', '2026-03-11', '进社区', '老年人', '个人征信', 1, '', 50, -3, 0, '否', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const count = async () => Number((await stack.sql<{ n: string }>('campaigns', `SELECT count(*) AS n FROM campaign_activity`))[0].n);
    const before = await count();
    const res = await request(stack.baseUrl)
      .post('/api/campaign-activities/import')
      .set('Authorization', `Bearer ${tokens['admin.zy']}`)
      .field('campaignId', campaignId)
      .field('verify', 'true')
      .attach('file', file, { filename: 'import.xlsx' });
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'row 3: peopleReached' })]);
    expect(await count()).toBe(before);
  });

  it('the summary report carries the figures (printable HTML and xlsx); the year summary lists the campaign', async () => {
    const html = await api(stack.baseUrl, tokens.auditor).get(`/api/campaigns/${campaignId}/report?format=html`).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('共1个网点参与，集中宣教2次，累计1名员工参与，发放宣传资料300份');
    const xlsx = await api(stack.baseUrl, tokens.auditor).get(`/api/campaigns/${campaignId}/report?format=xlsx`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(String(wb.getWorksheet('总结')!.getRow(2).getCell(1).value)).toContain('集中宣教2次');
    const summary = await api(stack.baseUrl, tokens.auditor).get('/api/campaigns/summary?year=2026').expect(200);
    expect(summary.body.campaigns).toEqual(expect.arrayContaining([expect.objectContaining({ campaignId, previousCampaign: null })]));
    await api(stack.baseUrl, tokens.auditor).get('/api/campaigns/summary?year=abc').expect(400);
  });
});
