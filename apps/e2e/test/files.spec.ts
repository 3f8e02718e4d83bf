import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { contentObjectName, FileBuckets } from '@xb/service-kit';
import { waitFor } from '@xb/test-kit';
import sharp from 'sharp';
import request from 'supertest';
import { openConsoleBrowser } from '../src/browser.js';
import { api, DEMO_PASSWORD, startStack, type Stack } from '../src/stack.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A small PNG that differs per seed, so each test has content of its own. */
async function png(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: seed % 256, g: (seed * 7) % 256, b: (seed * 13) % 256 } } })
    .png()
    .toBuffer();
}

/** A minimal PDF (the signature is what counts) with unique content. */
const pdf = () => Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** A Windows executable's header (MZ … PE), whatever it is called. */
const exe = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), randomBytes(512)]);

describe('evidence files on the JetStream object store (gateway → complaints service → NATS object store)', () => {
  let stack: Stack;
  let tokens: Record<string, string>;
  let complaintId: string;
  let nc: NatsConnection;
  let buckets: FileBuckets;

  const upload = (token: string, bytes: Buffer, filename: string, purpose = 'complaints.complaint') =>
    request(stack.baseUrl).post('/api/files').set('Authorization', `Bearer ${token}`).field('purpose', purpose).attach('file', bytes, { filename });
  const download = (token: string, id: string) =>
    request(stack.baseUrl)
      .get(`/api/files/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const attach = (token: string, complaint: string, fileId: string) => api(stack.baseUrl, token).post(`/api/complaints/${complaint}/attachments`, { fileId });
  const downloads = async (fileId: string) =>
    stack.sql<{ actor_username: string; details: Record<string, unknown> }>('gateway', `SELECT actor_username, details FROM audit_log WHERE action = 'files.file.downloaded' AND resource_id = $1 ORDER BY id`, [fileId]);
  // A status read is idempotent: after the nats-server restart below, this test's own
  // connection may still be reconnecting (or JetStream recovering) when the next test reads,
  // and one JetStream API request then times out (seen on CI), so the read is retried.
  const bucketStatus = () =>
    waitFor(async () => (await buckets.bucket('complaints')).status(), { timeoutMs: 30_000, what: "the complaints bucket's status" });

  beforeAll(async () => {
    stack = await startStack({ name: 'files' });
    tokens = {};
    for (const u of ['admin', 'handler', 'handler.my', 'auditor', 'staff']) tokens[u] = await stack.login(u);
    const [{ id: unitId }] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'OT-AJ-1'`);
    const created = await api(stack.baseUrl, tokens.handler).post('/api/complaints', {
      channel: 'counter',
      businessCategory: 'bank_card',
      cause: 'attitude',
      orgUnitId: unitId,
      customerName: '王五',
      customerPhone: '13900001111',
      description: '柜员态度恶劣,客户提供了现场照片和录音材料。',
    });
    expect(created.status).toBe(201);
    complaintId = created.body.id;
    nc = await connect({ servers: stack.nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    buckets = new FileBuckets(nc, { replicas: 1 });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it('uploads a photo (type from the content), attaches it to the complaint on its timeline, and serves it to the owning handler and admin only', async () => {
    const photo = await png(1);
    const up = await upload(tokens.handler, photo, '现场照片.png');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: '现场照片.png', size: photo.length, sha256: sha256(photo), mimeType: 'image/png', hasThumbnail: true, attachedTo: null });
    expect(up.body.createdBy).toEqual(expect.any(String));
    expect(Date.parse(up.body.createdAt)).not.toBeNaN();
    const fileId: string = up.body.id;

    // Before it is attached, only the uploader knows it exists.
    expect((await download(tokens.admin, fileId)).status).toBe(404);

    const attached = await attach(tokens.handler, complaintId, fileId);
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ fileId, name: '现场照片.png', mimeType: 'image/png', attachedBy: { username: 'handler' } });
    const list = await api(stack.baseUrl, tokens.auditor).get(`/api/complaints/${complaintId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.map((a: { fileId: string }) => a.fileId)).toEqual([fileId]);
    const timeline = await api(stack.baseUrl, tokens.handler).get(`/api/complaints/${complaintId}/timeline`);
    expect(timeline.body.at(-1)).toMatchObject({ action: 'attachment-added', actor: { username: 'handler' }, data: { fileId, fileName: '现场照片.png' } });

    for (const who of ['handler', 'admin', 'auditor']) {
      const res = await download(tokens[who], fileId);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(sha256(res.body as Buffer)).toBe(sha256(photo));
    }
    const meta = await api(stack.baseUrl, tokens.admin).get(`/api/files/${fileId}/meta`);
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({ id: fileId, createdByUsername: 'handler', attachedTo: { recordType: 'complaint', recordId: complaintId } });
    expect((await api(stack.baseUrl, tokens['handler.my']).get(`/api/files/${fileId}/meta`)).status).toBe(404);
    // Another branch's handler and a staff member cannot see the complaint, so not its files.
    expect((await download(tokens['handler.my'], fileId)).status).toBe(404);
    expect((await download(tokens.staff, fileId)).status).toBe(404);
    expect((await api(stack.baseUrl, tokens['handler.my']).get(`/api/files/${fileId}/thumbnail`)).status).toBe(404);

    const thumb = await request(stack.baseUrl).get(`/api/files/${fileId}/thumbnail`).set('Authorization', `Bearer ${tokens.admin}`).buffer(true);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const thumbMeta = await sharp(thumb.body as Buffer).metadata();
    expect(Math.max(thumbMeta.width!, thumbMeta.height!)).toBe(320);

    // Each download — and only the downloads that were allowed — is in the audit log.
    await expect(downloads(fileId)).resolves.toEqual(
      ['handler', 'admin', 'auditor'].map((u) => ({ actor_username: u, details: expect.objectContaining({ recordType: 'complaint', recordId: complaintId, sha256: sha256(photo) }) })),
    );
  });

  it('keeps files across a nats-server restart (the object store is on disk), refuses uploads with 503 while it is down, and audits the download after it', async () => {
    const doc = pdf();
    const up = await upload(tokens.handler, doc, '鉴定报告.pdf');
    expect(up.status).toBe(201);
    expect(up.body.mimeType).toBe('application/pdf');
    expect((await attach(tokens.handler, complaintId, up.body.id)).status).toBe(201);

    await stack.nats.stop();
    // While NATS is down an upload is refused as unavailable (retry later), and nothing is recorded.
    const [{ n: rowsBefore }] = await stack.sql<{ n: number }>('gateway', 'SELECT count(*)::int AS n FROM stored_file');
    const during = await upload(tokens.handler, await png(12), 'during-outage.png');
    expect(during.status).toBe(503);
    expect(await stack.sql('gateway', 'SELECT count(*)::int AS n FROM stored_file')).toEqual([{ n: rowsBefore }]);
    await stack.nats.start();

    const res = await waitFor(
      async () => {
        const r = await download(tokens.admin, up.body.id);
        return r.status === 200 ? r : undefined;
      },
      { timeoutMs: 30_000, what: 'the file after the nats-server restart' },
    );
    expect(sha256(res.body as Buffer)).toBe(sha256(doc));
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('鉴定报告.pdf')}`);
    expect((await downloads(up.body.id)).map((d) => d.actor_username)).toEqual(['admin']);
  });

  it('refuses a file over the size limit with 413 and stores nothing', async () => {
    const before = await stack.sql<{ n: number }>('gateway', 'SELECT count(*)::int AS n FROM stored_file');
    const statusBefore = await bucketStatus();
    const big = Buffer.concat([await png(2), randomBytes(30 * 1024 * 1024)]);
    const res = await upload(tokens.handler, big, 'big.png');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413 });
    expect(await stack.sql('gateway', 'SELECT count(*)::int AS n FROM stored_file')).toEqual(before);
    expect((await bucketStatus()).size).toBe(statusBefore.size);
  }, 90_000);

  it('judges the type by the content: an .exe renamed .jpg is 415, an unknown purpose 400 naming it', async () => {
    const res = await upload(tokens.handler, exe(), 'photo.jpg');
    expect(res.status).toBe(415);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'file', message: expect.stringContaining('application/x-msdownload') })]);
    const text = await upload(tokens.handler, Buffer.from('just some text, no signature'), 'notes.pdf');
    expect(text.status).toBe(415);
    const purpose = await upload(tokens.handler, await png(3), 'a.png', 'complaints.nothing');
    expect(purpose.status).toBe(400);
    expect(purpose.body.details).toEqual([expect.objectContaining({ field: 'purpose' })]);
    // Roles that may not attach to complaints may not upload for them either.
    expect((await upload(tokens.staff, await png(3), 'a.png')).status).toBe(403);
  });

  it('stores the same content once however often it is uploaded', async () => {
    const photo = await png(4);
    const first = await upload(tokens.handler, photo, 'one.png');
    expect(first.status).toBe(201);
    const afterFirst = await bucketStatus();
    const second = await upload(tokens.admin, photo, 'two.png');
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    const afterSecond = await bucketStatus();
    expect(afterSecond.size).toBe(afterFirst.size);
    expect(afterSecond.streamInfo.state.messages).toBe(afterFirst.streamInfo.state.messages);
    expect((await buckets.names('complaints')).filter((n) => n === contentObjectName(first.body.sha256))).toHaveLength(1);
  });

  it('refuses to attach across scopes and leaves the file free: 404 for another branch’s complaint, 409 once attached elsewhere', async () => {
    const up = await upload(tokens['handler.my'], await png(5), 'x.png');
    expect(up.status).toBe(201);
    expect((await attach(tokens['handler.my'], complaintId, up.body.id)).status).toBe(404);
    const [row] = await stack.sql<{ record_id: string | null; attached_at: Date | null }>('gateway', 'SELECT record_id, attached_at FROM stored_file WHERE id = $1', [up.body.id]);
    expect(row).toEqual({ record_id: null, attached_at: null });
    // Someone else's unattached upload cannot be attached by another user.
    expect((await attach(tokens.admin, complaintId, up.body.id)).status).toBe(404);
    const mine = await upload(tokens.admin, await png(6), 'y.png');
    expect((await attach(tokens.admin, complaintId, mine.body.id)).status).toBe(201);
    // Attaching again is the same attachment, not a second one.
    expect((await attach(tokens.admin, complaintId, mine.body.id)).status).toBe(201);
    const steps = await stack.sql<{ n: number }>('complaints', `SELECT count(*)::int AS n FROM complaint_timeline WHERE action = 'attachment-added' AND details->>'fileId' = $1`, [mine.body.id]);
    expect(steps[0].n).toBe(1);
    // One file, one record: a second complaint cannot take it.
    const [{ id: unitId }] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'OT-AJ-2'`);
    const other = await api(stack.baseUrl, tokens.admin).post('/api/complaints', {
      channel: 'counter',
      businessCategory: 'deposit',
      cause: 'fees',
      orgUnitId: unitId,
      customerName: '赵六',
      customerPhone: '13900002222',
      description: '存款手续费收取不透明。',
    });
    expect(other.status).toBe(201);
    expect((await attach(tokens.admin, other.body.id, mine.body.id)).status).toBe(409);
    expect((await api(stack.baseUrl, tokens.admin).get(`/api/complaints/${other.body.id}/attachments`)).body).toEqual([]);
  });

  it('removes files not attached within 24 hours and keeps attached ones (and those the service holds although the gateway missed its answer)', async () => {
    const stale = await png(7);
    const unattached = await upload(tokens.handler, stale, 'stale.png');
    const kept = await upload(tokens.handler, await png(8), 'kept.png');
    expect((await attach(tokens.handler, complaintId, kept.body.id)).status).toBe(201);
    const lost = await upload(tokens.handler, await png(9), 'lost-answer.png');
    expect((await attach(tokens.handler, complaintId, lost.body.id)).status).toBe(201);
    const fresh = await upload(tokens.handler, await png(10), 'fresh.png');
    // The uploads happened 25 hours ago; the gateway never heard that `lost` was attached.
    await stack.sql('gateway', `UPDATE stored_file SET created_at = now() - interval '25 hours' WHERE id = ANY($1::uuid[])`, [[unattached.body.id, kept.body.id, lost.body.id]]);
    await stack.sql('gateway', `UPDATE stored_file SET record_id = NULL, record_type = NULL, claimed_at = NULL, attached_at = NULL WHERE id = $1`, [lost.body.id]);
    expect(await buckets.has('complaints', contentObjectName(sha256(stale)))).toBe(true);

    const run = await api(stack.baseUrl, tokens.admin).post('/api/files/cleanup');
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ ran: true, removed: 1, confirmed: 1, objectsRemoved: 2 });

    expect((await download(tokens.handler, unattached.body.id)).status).toBe(404);
    expect(await buckets.has('complaints', contentObjectName(sha256(stale)))).toBe(false);
    expect((await download(tokens.handler, kept.body.id)).status).toBe(200);
    expect((await download(tokens.admin, lost.body.id)).status).toBe(200);
    expect((await download(tokens.handler, fresh.body.id)).status).toBe(200);
    expect((await api(stack.baseUrl, tokens.handler).post('/api/files/cleanup')).status).toBe(403);
  });

  it('shows a complaint’s files with thumbnails in the console and attaches an upload (zh-CN)', async () => {
    const photo = await upload(tokens.handler, await png(11), '门店照片.png');
    expect((await attach(tokens.handler, complaintId, photo.body.id)).status).toBe(201);
    const chrome = await openConsoleBrowser('files', { locale: 'zh-CN' });
    try {
      const page = chrome.page;
      await page.goto(`${stack.baseUrl}/`);
      await page.getByRole('textbox', { name: '用户名' }).fill('handler');
      await page.getByRole('textbox', { name: '密码' }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('welcome').waitFor();
      await page.goto(`${stack.baseUrl}/#/complaints/${complaintId}/show`);
      const card = page.getByTestId('attachments');
      await page.getByText('证据材料', { exact: true }).waitFor();
      const line = card.getByTestId('attachment').filter({ hasText: '门店照片.png' });
      // The thumbnail arrives with the token and is decoded by the browser.
      const thumbnail = line.getByTestId('attachment-thumbnail');
      await thumbnail.waitFor();
      type Img = { complete: boolean; naturalWidth: number };
      await waitFor(async () => thumbnail.evaluate((img) => (img as unknown as Img).complete && (img as unknown as Img).naturalWidth > 0), { what: 'the thumbnail decoded' });
      const before = await card.getByTestId('attachment').count();
      await page.getByTestId('attachment-input').setInputFiles({ name: '补充材料.pdf', mimeType: 'application/pdf', buffer: pdf() });
      await card.getByTestId('attachment').filter({ hasText: '补充材料.pdf' }).waitFor();
      expect(await card.getByTestId('attachment').count()).toBe(before + 1);
      await page.locator('[data-testid="timeline-step"][data-action="attachment-added"]').filter({ hasText: '补充材料.pdf' }).waitFor();
      await chrome.screenshot('complaint-attachments');
      expect(chrome.pageErrors).toEqual([]);
    } finally {
      await chrome.close();
    }
  }, 180_000);
});
