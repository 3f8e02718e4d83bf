/**
 * Realistic complaints for the benchmark, deterministic per seed: two years of intake
 * with growth and a weekday rhythm, most of it at the business department and the
 * 12345 hotline as in the seed summaries, and a workflow state that depends on age
 * (recent ones open, older ones resolved — mostly within 15 days — replied and closed
 * with a satisfaction). Customer PII is sealed with the stack's real key (PiiVault), from
 * a pool of customers, so every row decrypts.
 */
import { idCheckChar } from '@xb/complaints-service/dist/complaints/id-number.js';
import { PiiVault, type SealedCustomer } from '@xb/complaints-service/dist/complaints/pii.js';

export const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
/** A deadline as the service counts it (Civil Code arts. 201, 203): 24:00 Beijing of the n-th day after the receipt day (holidays not moved here). */
export const dueAfterDays = (receivedMs: number, days: number) => new Date((Math.floor((receivedMs + BEIJING_MS) / DAY_MS) + days + 1) * DAY_MS - BEIJING_MS);

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks keys by weight. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, w] of items) this.cumulative.push((sum += w));
    this.total = sum;
  }
  pick(r: number): T {
    const x = r * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo][0];
  }
}

export const CHANNEL_MIX = new Weighted([
  ['hotline_12345', 45],
  ['own_hotline', 20],
  ['counter', 15],
  ['hotline_12363', 5],
  ['online', 7],
  ['regulator_transfer', 3],
  ['letter', 2],
  ['email', 2],
  ['media', 1],
] as const);

export const CATEGORY_MIX = new Weighted([
  ['social_security_card', 18],
  ['loan', 15],
  ['self_service', 10],
  ['service_quality', 12],
  ['credit_card', 9],
  ['bank_card', 8],
  ['e_banking', 8],
  ['deposit', 5],
  ['wealth_management', 4],
  ['payment', 4],
  ['credit_reporting', 3],
  ['personal_information', 2],
  ['rmb_cash', 1],
  ['other', 1],
] as const);

export const CAUSE_MIX = new Weighted([
  ['process_waiting', 30],
  ['attitude', 18],
  ['fees', 14],
  ['system_failure', 12],
  ['disclosure', 8],
  ['mis_selling', 6],
  ['contract_terms', 5],
  ['information_security', 3],
  ['other', 4],
] as const);

const STORIES = [
  '新办社保卡等待周期过长,多次到网点询问仍未领到卡。',
  '挂失补办社保卡后一个月仍未收到新卡,影响医保报销。',
  'ATM吞卡后网点处理缓慢,客户要求尽快退卡。',
  '贷款提前还款时收取的违约金未事先告知。',
  '大堂经理服务态度生硬,客户排队等候超过一小时。',
  '电话银行长时间无法接通人工服务。',
  '信用卡年费在未告知的情况下被扣收。',
  '理财产品销售时未充分揭示风险,客户认为存在误导销售。',
  '手机银行转账失败但资金被扣,客户要求查明原因。',
  '客户反映个人信息被泄露,接到可疑推销电话。',
];
const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '军', '杰', '娟', '涛', '明', '超'];

export interface BenchUnit {
  id: string;
  code: string;
  name: string;
  path: string;
  weight: number;
}

export interface Customer {
  name: string;
  phone: string;
  idNumber?: string;
  sealed: SealedCustomer;
}

/** A valid resident ID number (real area codes of 遂宁/资阳/绵阳, plausible birth dates, right check digit). */
export function idNumber(r: () => number): string {
  const area = ['510903', '510921', '512002', '510703', '510922'][Math.floor(r() * 5)];
  const y = 1950 + Math.floor(r() * 55);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const first17 = `${area}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function customerPool(size: number, vault: PiiVault, seed = 7): Customer[] {
  const r = prng(seed);
  return Array.from({ length: size }, (_, i) => {
    const name = SURNAMES[Math.floor(r() * SURNAMES.length)] + GIVEN[Math.floor(r() * GIVEN.length)] + (r() < 0.4 ? GIVEN[Math.floor(r() * GIVEN.length)] : '');
    const phone = `1${[3, 5, 8][i % 3]}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
    const id = r() < 0.6 ? idNumber(r) : undefined;
    return { name, phone, idNumber: id, sealed: vault.seal({ name, phone, idNumber: id }) };
  });
}

export interface GeneratedComplaint {
  id: string;
  reference: string;
  status: string;
  channel: string;
  businessCategory: string;
  cause: string;
  severity: string;
  unit: BenchUnit;
  receivedAt: Date;
  dueAt: Date;
  extensionLevel: number;
  resolvedAt: Date | null;
  repliedAt: Date | null;
  closedAt: Date | null;
  satisfaction: string | null;
  outcome: string | null;
  /** 分办: when it was assigned to its unit's handler (null while only received, or when refused at once). */
  assignedAt: Date | null;
  /** One of three handlers per unit. */
  handlerId: string;
  customer: Customer;
  description: string;
  externalRef: string | null;
}

const TRANSFERRED = new Set(['hotline_12345', 'hotline_12363', 'regulator_transfer']);

/**
 * Complaint n of `total`, received within the `days` before `now`. Deterministic in (seed, n);
 * the id and the reference number are given by the caller.
 */
export class ComplaintGenerator {
  private readonly dayMix: Weighted<number>;
  private readonly unitMix: Weighted<BenchUnit>;

  constructor(
    private readonly now: Date,
    private readonly days: number,
    units: readonly BenchUnit[],
    private readonly customers: readonly Customer[],
  ) {
    // Growth of ~30 % over the two years, quieter weekends (Beijing days).
    this.dayMix = new Weighted(
      Array.from({ length: days }, (_, d) => {
        const at = new Date(now.getTime() - (days - 1 - d) * DAY_MS + 8 * 3_600_000);
        const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6;
        return [d, (1 + (0.3 * d) / days) * (weekend ? 0.55 : 1)] as const;
      }),
    );
    this.unitMix = new Weighted(units.map((u) => [u, u.weight] as const));
  }

  make(r: () => number, id: string, referenceNumber: number): GeneratedComplaint {
    const day = this.dayMix.pick(r());
    // Office hours in Beijing, 08:30–19:30.
    const dayStart = Math.floor((this.now.getTime() + 8 * 3_600_000) / DAY_MS) * DAY_MS - 8 * 3_600_000 - (this.days - 1 - day) * DAY_MS;
    let received = dayStart + (8.5 + r() * 11) * 3_600_000;
    if (received > this.now.getTime() - 60_000) received = this.now.getTime() - 60_000 - Math.floor(r() * 3_600_000);
    const receivedAt = new Date(received);
    const ageDays = (this.now.getTime() - received) / DAY_MS;
    const channel = CHANNEL_MIX.pick(r());
    const businessCategory = CATEGORY_MIX.pick(r());
    const cause = businessCategory === 'social_security_card' && r() < 0.7 ? 'process_waiting' : CAUSE_MIX.pick(r());

    // Handling time: most within days, some extended (30 / 60), a few late.
    const h = r();
    const extensionLevel = h < 0.9 ? 0 : h < 0.98 ? 1 : 2;
    const limitDays = [15, 30, 60][extensionLevel];
    const late = r() < 0.012;
    const handlingDays = late ? limitDays + 1 + r() * 10 : extensionLevel === 0 ? 0.2 + Math.pow(r(), 1.6) * 14.5 : limitDays / 2 + r() * (limitDays / 2 - 0.5);
    const dueAt = dueAfterDays(received, limitDays);
    let resolvedAt: Date | null = new Date(received + handlingDays * DAY_MS);
    let status: string;
    let repliedAt: Date | null = null;
    let closedAt: Date | null = null;
    let satisfaction: string | null = null;
    const endState = r();
    if (ageDays > 2 && endState < 0.02) {
      status = 'rejected';
      resolvedAt = null;
    } else if (ageDays > 2 && endState < 0.035) {
      status = 'withdrawn';
      resolvedAt = null;
    } else if (resolvedAt.getTime() > this.now.getTime() || (ageDays > 60 && endState > 0.998)) {
      // Still open (a handful of old ones are stuck, i.e. overdue).
      resolvedAt = null;
      status = ageDays < 1 ? 'received' : ageDays < 3 ? (r() < 0.5 ? 'assigned' : 'received') : r() < 0.8 ? 'in_progress' : 'assigned';
    } else {
      const replied = new Date(resolvedAt.getTime() + r() * 2 * DAY_MS);
      const closed = new Date(replied.getTime() + (1 + r() * 5) * DAY_MS);
      if (replied.getTime() > this.now.getTime()) status = 'resolved';
      else if (closed.getTime() > this.now.getTime()) {
        status = 'replied';
        repliedAt = replied;
      } else {
        status = 'closed';
        repliedAt = replied;
        closedAt = closed;
        const s = r();
        satisfaction = s < 0.85 ? 'satisfied' : s < 0.96 ? 'basically_satisfied' : 'dissatisfied';
      }
    }
    const outcome = resolvedAt ? (['upheld', 'partially_upheld', 'not_upheld'] as const)[Math.floor(r() * 3)] : null;
    const unit = this.unitMix.pick(r());
    const assignedAt = status === 'received' || status === 'rejected' ? null : new Date(Math.min(received + (0.5 + r() * 12) * 3_600_000, this.now.getTime()));
    const handlerId = `${unit.id.slice(0, 24)}${String(Math.floor(r() * 3)).padStart(12, '0')}`;
    const customer = this.customers[Math.floor(r() * this.customers.length)];
    // The reference year is the bank's (Beijing, UTC+8 all year).
    const year = new Date(received + 8 * 3_600_000).getUTCFullYear();
    return {
      id,
      reference: `TS-${year}-${String(referenceNumber).padStart(6, '0')}`,
      status,
      channel,
      businessCategory,
      cause,
      severity: r() < 0.02 ? 'major' : 'general',
      unit,
      receivedAt,
      dueAt,
      extensionLevel,
      resolvedAt,
      repliedAt,
      closedAt,
      satisfaction,
      outcome,
      assignedAt,
      handlerId,
      customer,
      description: STORIES[Math.floor(r() * STORIES.length)],
      externalRef: TRANSFERRED.has(channel) ? `${channel === 'hotline_12345' ? '12345' : channel === 'hotline_12363' ? '12363' : 'JG'}-${referenceNumber}` : null,
    };
  }

  /** A POST /api/complaints body, as a front desk would send it now. */
  intakeBody(r: () => number, n: number): Record<string, unknown> {
    const channel = CHANNEL_MIX.pick(r());
    const customer = this.customers[Math.floor(r() * this.customers.length)];
    return {
      channel,
      businessCategory: CATEGORY_MIX.pick(r()),
      cause: CAUSE_MIX.pick(r()),
      orgUnitId: this.unitMix.pick(r()).id,
      customerName: customer.name,
      customerPhone: customer.phone,
      ...(customer.idNumber ? { customerIdNumber: customer.idNumber } : {}),
      description: STORIES[Math.floor(r() * STORIES.length)],
      demand: '尽快处理并答复',
      ...(TRANSFERRED.has(channel) ? { externalRef: `BENCH-${n}` } : {}),
    };
  }
}
