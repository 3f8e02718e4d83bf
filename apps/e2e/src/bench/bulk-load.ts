/**
 * Bulk loading of generated complaints with COPY, and the column mapping the raw-insert
 * phase shares with it.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { copyIn, copyValue } from './copy-in.js';
import { ComplaintGenerator, prng, type BenchUnit, type Customer, type GeneratedComplaint } from './generate.js';

/** Columns written for each complaint; optional ones only when the schema has them. */
export const BASE_COLUMNS = [
  'id',
  'reference',
  'status',
  'channel',
  'business_category',
  'cause',
  'severity',
  'org_unit_id',
  'org_unit_name',
  'org_path',
  'received_at',
  'due_at',
  'customer_name_enc',
  'customer_phone_enc',
  'customer_id_number_enc',
  'customer_name_masked',
  'customer_phone_masked',
  'customer_id_number_masked',
  'customer_key',
  'description',
  'demand',
  'external_ref',
  'first_responder_id',
  'first_responder_username',
  'resolved_at',
  'replied_at',
  'closed_at',
  'extension_level',
  'satisfaction',
  'created_at',
  'updated_at',
] as const;
/** The workflow's columns, written when the schema has them (分办: assigned once past intake). */
export const OPTIONAL_COLUMNS = ['clock_started_at', 'outcome', 'assigned_unit_id', 'assigned_unit_path', 'assigned_unit_name', 'assigned_handler_id', 'assigned_handler_username', 'assigned_at'] as const;
export type Column = (typeof BASE_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export function columnValue(c: GeneratedComplaint, column: Column, responder: { id: string; username: string }): unknown {
  const s = c.customer.sealed;
  switch (column) {
    case 'id':
      return c.id;
    case 'reference':
      return c.reference;
    case 'status':
      return c.status;
    case 'channel':
      return c.channel;
    case 'business_category':
      return c.businessCategory;
    case 'cause':
      return c.cause;
    case 'severity':
      return c.severity;
    case 'org_unit_id':
      return c.unit.id;
    case 'org_unit_name':
      return c.unit.name;
    case 'org_path':
      return c.unit.path;
    case 'received_at':
    case 'created_at':
    case 'clock_started_at':
      return c.receivedAt;
    case 'due_at':
      return c.dueAt;
    case 'customer_name_enc':
      return s.customerNameEnc;
    case 'customer_phone_enc':
      return s.customerPhoneEnc;
    case 'customer_id_number_enc':
      return s.customerIdNumberEnc;
    case 'customer_name_masked':
      return s.customerNameMasked;
    case 'customer_phone_masked':
      return s.customerPhoneMasked;
    case 'customer_id_number_masked':
      return s.customerIdNumberMasked;
    case 'customer_key':
      return s.customerKey;
    case 'description':
      return c.description;
    case 'demand':
      return '尽快处理并答复';
    case 'external_ref':
      return c.externalRef;
    case 'first_responder_id':
      return responder.id;
    case 'first_responder_username':
      return responder.username;
    case 'resolved_at':
      return c.resolvedAt;
    case 'replied_at':
      return c.repliedAt;
    case 'closed_at':
      return c.closedAt;
    case 'extension_level':
      return c.extensionLevel;
    case 'satisfaction':
      return c.satisfaction;
    case 'outcome':
      return c.outcome;
    case 'assigned_unit_id':
      return c.assignedAt ? c.unit.id : null;
    case 'assigned_unit_path':
      return c.assignedAt ? c.unit.path : null;
    case 'assigned_unit_name':
      return c.assignedAt ? c.unit.name : null;
    case 'assigned_handler_id':
      return c.assignedAt ? c.handlerId : null;
    case 'assigned_handler_username':
      return c.assignedAt ? 'handler' : null;
    case 'assigned_at':
      return c.assignedAt;
    case 'updated_at':
      return c.closedAt ?? c.repliedAt ?? c.resolvedAt ?? c.receivedAt;
  }
}

export async function complaintColumns(db: pg.Client): Promise<Column[]> {
  const { rows } = await db.query<{ column_name: string; is_nullable: string; column_default: string | null }>(
    `SELECT column_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'complaint'`,
  );
  const present = new Set(rows.map((r) => r.column_name));
  const columns: Column[] = [...BASE_COLUMNS, ...OPTIONAL_COLUMNS.filter((c) => present.has(c))];
  const missing = rows.filter((r) => r.is_nullable === 'NO' && r.column_default === null && !columns.includes(r.column_name as Column));
  if (missing.length) throw new Error(`the benchmark does not fill these required complaint columns yet: ${missing.map((r) => r.column_name).join(', ')}`);
  return columns;
}

export interface BulkLoad {
  copySeconds: number;
  indexSeconds: number;
  rollupSeconds: number;
  vacuumSeconds: number;
  sample: GeneratedComplaint;
}

/**
 * COPY with the secondary indexes dropped and rebuilt afterwards (exact definitions read
 * from pg_indexes) and the roll-up trigger off, then one set-based roll-up rebuild and a
 * VACUUM ANALYZE (visibility map for index-only scans, planner statistics).
 */
export async function bulkLoad(
  dbUrl: string,
  units: BenchUnit[],
  customers: Customer[],
  responder: { id: string; username: string },
  rows: number,
  historyDays: number,
  log: (msg: string) => void,
): Promise<BulkLoad> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const columns = await complaintColumns(db);
    const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'complaint'
          AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'complaint'::regclass)`,
    );
    for (const i of indexes) await db.query(`DROP INDEX ${i.indexname}`);
    await db.query(`ALTER TABLE complaint DISABLE TRIGGER complaint_stats_on_insert`);
    const [{ base }] = (await db.query<{ base: string }>(`SELECT nextval('complaint_reference_seq')::text AS base`)).rows;
    await db.query(`SELECT setval('complaint_reference_seq', $1::bigint)`, [Number(base) + rows]);

    const now = new Date();
    const generator = new ComplaintGenerator(now, historyDays, units, customers);
    let sample: GeneratedComplaint | undefined;
    const streams = 2;
    const per = Math.ceil(rows / streams);
    const copyStart = performance.now();
    let done = 0;
    await Promise.all(
      Array.from({ length: streams }, async (_, s) => {
        const conn = new pg.Client({ connectionString: dbUrl });
        await conn.connect();
        try {
          const from = s * per;
          const to = Math.min(rows, from + per);
          const r = prng(1000 + s);
          function* chunks(): Generator<string> {
            for (let start = from; start < to; start += 2000) {
              const lines: string[] = [];
              for (let n = start; n < Math.min(to, start + 2000); n++) {
                const c = generator.make(r, randomUUID(), Number(base) + n);
                if (n === 0) sample = c;
                lines.push(columns.map((col) => copyValue(columnValue(c, col, responder))).join('\t'));
              }
              done += lines.length;
              if (done % 100_000 < 2000) log(`  COPY ${done.toLocaleString('en-US')} / ${rows.toLocaleString('en-US')}`);
              yield lines.join('\n') + '\n';
            }
          }
          await copyIn(conn, 'complaint', columns, chunks());
        } finally {
          await conn.end();
        }
      }),
    );
    const copySeconds = (performance.now() - copyStart) / 1000;
    await db.query(`ALTER TABLE complaint ENABLE TRIGGER complaint_stats_on_insert`);

    log(`  rebuilding ${indexes.length} indexes`);
    const indexStart = performance.now();
    const queue = [...indexes].sort((a, b) => Number(b.indexdef.includes('gin')) - Number(a.indexdef.includes('gin')));
    await Promise.all(
      Array.from({ length: 2 }, async () => {
        const conn = new pg.Client({ connectionString: dbUrl });
        await conn.connect();
        try {
          await conn.query(`SET maintenance_work_mem = '512MB'`);
          for (let next = queue.shift(); next; next = queue.shift()) await conn.query(next.indexdef);
        } finally {
          await conn.end();
        }
      }),
    );
    const indexSeconds = (performance.now() - indexStart) / 1000;
    // A live system reminded and escalated its open backlog long ago: record that in the
    // workflow's supervision ledger (when there is one), so that its scheduler does not
    // spend the benchmark catching up on two years of history at once.
    const [{ ledger }] = (await db.query<{ ledger: boolean }>(`SELECT to_regclass('complaint_supervision') IS NOT NULL AS ledger`)).rows;
    if (ledger) {
      const open = `status IN ('received', 'assigned', 'in_progress')`;
      await db.query(`
        INSERT INTO complaint_supervision (complaint_id, deadline_key, kind)
        SELECT c.id, c.clock_cycle::text || '.' || c.extension_level::text, k.kind
          FROM complaint c
          CROSS JOIN LATERAL (VALUES ('escalated'), ('remind:3'), ('remind:1')) AS k(kind)
         WHERE c.${open} AND (c.due_at <= now() OR k.kind <> 'escalated' AND c.due_at <= now() + interval '3 days')
        ON CONFLICT DO NOTHING`);
    }
    const rollupStart = performance.now();
    await db.query(`SELECT complaint_stats_rebuild()`);
    const rollupSeconds = (performance.now() - rollupStart) / 1000;
    const vacuumStart = performance.now();
    await db.query(`VACUUM (ANALYZE) complaint`);
    await db.query(`VACUUM (ANALYZE) complaint_daily_stats`);
    const vacuumSeconds = (performance.now() - vacuumStart) / 1000;
    return { copySeconds, indexSeconds, rollupSeconds, vacuumSeconds, sample: sample! };
  } finally {
    await db.end();
  }
}

