/**
 * Demo complaints with plausible histories, generated deterministically: intake spread
 * over the last five months, and for each complaint the workflow steps a bank would have
 * taken by now (分办 → 处理 → 办结 → 反馈 → 回访, with some rejections, withdrawals,
 * extensions, late cases, open overdue cases and typical cases). Times are offsets from
 * receipt; the loader replays them on a simulated clock through the real state machine.
 */
import type { BusinessCategory, Cause, Channel, Outcome, ReplyMethod, Satisfaction, Severity, WorkflowAction } from '@xb/contracts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CHANNEL_MIX: Channel[] = ['hotline_12345', 'hotline_12345', 'hotline_12345', 'own_hotline', 'counter', 'hotline_12363', 'online', 'regulator_transfer', 'letter', 'email'];
const UNIT_MIX = ['HO-BIZ', 'HO-BIZ', 'HO-TEL', 'SB-AJ', 'OT-AJ-1', 'SB-SH', 'OT-SH-2', 'SB-PX', 'BR-ZY', 'OT-LZ-1', 'BR-MY', 'OT-PX-2'];
const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '军', '杰', '娟'];

/**
 * What customers complain about, each story filed under the business category and cause it
 * describes (a test checks the text against both), weighted the way the seeds' complaints
 * are: social-security cards and waiting times first.
 */
export const DEMO_SCENARIOS: readonly { category: BusinessCategory; cause: Cause; story: string; demand: string }[] = [
  { category: 'social_security_card', cause: 'process_waiting', story: '新办社保卡等待周期过长，多次到网点询问仍未领到卡。', demand: '尽快制卡并告知领卡时间' },
  { category: 'social_security_card', cause: 'process_waiting', story: '挂失补办社保卡后一个月仍未收到新卡，影响医保报销。', demand: '尽快补发社保卡' },
  { category: 'social_security_card', cause: 'disclosure', story: '社保卡激活时网点未告知需同时开通金融功能，客户往返多次。', demand: '要求说明办理要求并一次办结' },
  { category: 'loan', cause: 'fees', story: '贷款提前还款时收取的违约金未事先告知，客户认为收费不合理。', demand: '要求解释并退还违约金' },
  { category: 'loan', cause: 'contract_terms', story: '个人住房贷款合同中利率调整条款表述不清，客户对重定价结果有异议。', demand: '要求解释合同条款' },
  { category: 'self_service', cause: 'system_failure', story: 'ATM吞卡后网点处理缓慢，客户要求尽快退卡。', demand: '尽快退还银行卡' },
  { category: 'self_service', cause: 'process_waiting', story: '电话银行长时间无法接通人工服务，客户等待超过二十分钟。', demand: '要求改善电话银行接通率' },
  { category: 'service_quality', cause: 'attitude', story: '大堂经理服务态度生硬，客户排队等候超过一小时无人引导。', demand: '要求道歉并改进服务' },
  { category: 'service_quality', cause: 'attitude', story: '柜员办理业务时态度冷淡，拒绝解释客户提出的问题。', demand: '要求道歉' },
  { category: 'credit_card', cause: 'fees', story: '信用卡年费在未告知的情况下被扣收。', demand: '要求退还信用卡年费' },
  { category: 'credit_card', cause: 'mis_selling', story: '信用卡分期业务电话营销时未说明手续费，客户被误导办理分期。', demand: '要求取消分期并退还手续费' },
  { category: 'wealth_management', cause: 'mis_selling', story: '理财产品销售时未充分揭示风险，客户认为存在误导销售。', demand: '要求赔偿理财产品本金损失' },
  { category: 'wealth_management', cause: 'disclosure', story: '代销保险产品的退保损失在销售时未如实告知。', demand: '要求全额退保' },
  { category: 'e_banking', cause: 'system_failure', story: '手机银行转账失败但资金被扣，客户要求查明原因。', demand: '要求退回被扣资金' },
  { category: 'personal_information', cause: 'information_security', story: '客户反映个人信息被泄露，办理业务后接到可疑推销电话。', demand: '要求查明信息泄露原因' },
  { category: 'bank_card', cause: 'process_waiting', story: '借记卡被冻结后网点要求反复提交证明材料，解冻流程过长。', demand: '尽快解除银行卡冻结' },
  { category: 'deposit', cause: 'disclosure', story: '定期存款提前支取后按活期计息，办理时未告知利息损失。', demand: '要求解释存款利息计算' },
  { category: 'payment', cause: 'fees', story: '跨行转账手续费与网点公示的收费标准不一致。', demand: '要求退还多收的转账手续费' },
  { category: 'credit_reporting', cause: 'process_waiting', story: '贷款已结清但征信报告仍显示逾期记录，异议处理迟迟没有结果。', demand: '要求更正征信记录' },
  { category: 'rmb_cash', cause: 'process_waiting', story: '网点拒绝兑换残损人民币，客户被要求到其他网点办理。', demand: '要求当场兑换残损人民币' },
];
const REPLY_METHODS: ReplyMethod[] = ['phone', 'sms', 'letter', 'in_person', 'app'];

/** Who performs a step: the office (admin) or the handler responsible for the unit. */
export type StepActor = 'admin' | 'handler';

export interface DemoStep {
  action: WorkflowAction;
  at: Date;
  by: StepActor;
  /** Command fields besides the complaint id (assign is completed by the loader). */
  data: Record<string, unknown>;
}

export interface DemoComplaint {
  key: string;
  unitCode: string;
  fields: {
    channel: Channel;
    businessCategory: BusinessCategory;
    cause: Cause;
    receivedAt: string;
    customerName: string;
    customerPhone: string;
    description: string;
    demand: string;
    externalRef?: string;
    severity: Severity;
  };
  steps: DemoStep[];
}

/** A deterministic number in [0, 1) for complaint i and purpose k. */
function rnd(i: number, k: number): number {
  const x = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

function phoneOf(i: number): string {
  return `13${String(800000000 + i * 7919).slice(0, 9)}`;
}

export function demoComplaints(count: number, now: Date): DemoComplaint[] {
  return Array.from({ length: count }, (_, i) => {
    const channel = CHANNEL_MIX[i % CHANNEL_MIX.length];
    const transferred = channel === 'hotline_12345' || channel === 'hotline_12363' || channel === 'regulator_transfer';
    // Ages skew recent (most of a queue is young), reaching back about five months.
    const receivedAt = new Date(now.getTime() - Math.floor(150 * rnd(i, 0) ** 2) * DAY - (i % 9) * HOUR - 30 * 60_000);
    // Every tenth customer complains again 25 complaints later (二次投诉 detection).
    const phone = i >= 25 && i % 10 === 3 ? phoneOf(i - 25) : phoneOf(i);
    const scenario = DEMO_SCENARIOS[(i * 7) % DEMO_SCENARIOS.length];
    const category = scenario.category;
    return {
      key: `demo-complaint-${i + 1}`,
      unitCode: UNIT_MIX[(i * 7) % UNIT_MIX.length],
      fields: {
        channel,
        businessCategory: category,
        cause: scenario.cause,
        receivedAt: receivedAt.toISOString(),
        customerName: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 5) % GIVEN.length] + (i % 3 === 0 ? GIVEN[(i + 1) % GIVEN.length] : ''),
        customerPhone: phone,
        description: scenario.story,
        demand: scenario.demand,
        ...(transferred ? { externalRef: `${channel === 'hotline_12345' ? '12345' : channel === 'hotline_12363' ? '12363' : 'JG'}-2026${String(1000 + i)}` } : {}),
        severity: i % 17 === 5 ? 'major' : 'general',
      },
      steps: planSteps(i, receivedAt, now, category),
    };
  });
}

/** The steps complaint i would have gone through by `now`; nothing is planned into the future. */
export function planSteps(i: number, receivedAt: Date, now: Date, category: BusinessCategory): DemoStep[] {
  const ageDays = (now.getTime() - receivedAt.getTime()) / DAY;
  const r = rnd(i, 1);
  const steps: DemoStep[] = [];
  const at = (days: number) => new Date(receivedAt.getTime() + days * DAY);
  const add = (action: WorkflowAction, days: number, by: StepActor, data: Record<string, unknown> = {}) => steps.push({ action, at: at(days), by, data });
  const outcome: Outcome = rnd(i, 2) < 0.4 ? 'upheld' : rnd(i, 2) < 0.75 ? 'partially_upheld' : 'not_upheld';
  const resolution = outcome === 'not_upheld' ? '经核查，我行操作符合规定，已向客户耐心解释相关政策。' : '经核查情况属实，已协调相关部门处理并向客户致歉。';
  const satisfaction: Satisfaction = rnd(i, 3) < 0.72 ? 'satisfied' : rnd(i, 3) < 0.92 ? 'basically_satisfied' : 'dissatisfied';
  const assign = () => add('assign', 0.1 + rnd(i, 4) * 0.2, 'admin');
  const resolveReplyClose = (resolveDay: number, sat: Satisfaction = satisfaction): number => {
    add('resolve', resolveDay, 'handler', { outcome, resolution, ...(outcome === 'upheld' && i % 4 === 0 ? { compensationAmount: 200 + (i % 5) * 100 } : {}) });
    add('reply', resolveDay + 0.4, 'handler', { method: REPLY_METHODS[i % REPLY_METHODS.length], informedAt: at(resolveDay + 0.4).toISOString() });
    const closeDay = resolveDay + 2 + rnd(i, 5) * 2;
    add('close', closeDay, 'handler', { satisfaction: sat, disputesOutcome: sat === 'dissatisfied' && rnd(i, 6) < 0.5 });
    return closeDay;
  };

  if (ageDays < 2) return steps;
  if (ageDays < 6) {
    assign();
    if (r < 0.6) add('start', 1, 'handler');
  } else if (ageDays < 13) {
    assign();
    add('start', 1, 'handler');
    if (r < 0.5) resolveReplyClose(3 + rnd(i, 7) * 2);
  } else if (r < 0.06) {
    add('reject', 0.8, 'admin', { reason: '不属于我行业务范围，已告知客户向相关机构反映。' });
  } else if (r < 0.1) {
    assign();
    add('withdraw', 2, 'handler', { reason: '客户表示问题已自行解决，主动撤回投诉。' });
  } else if (r < 0.2 && ageDays < 45) {
    // Still open past its due date: the supervision board shows it.
    assign();
    add('start', 1, 'handler');
  } else if (r < 0.3 && ageDays > 30) {
    assign();
    add('start', 1, 'handler');
    add('extend', 12, 'handler', { reason: '案情复杂，需调取交易流水并与合作方核实。', customerNotifiedAt: at(12).toISOString() });
    resolveReplyClose(22 + rnd(i, 8) * 5);
  } else if (r < 0.34) {
    assign();
    add('start', 1.5, 'handler');
    resolveReplyClose(16.5 + rnd(i, 9) * 2, 'dissatisfied');
  } else {
    assign();
    add('start', 1, 'handler');
    const closeDay = resolveReplyClose(3 + rnd(i, 10) * 10);
    if ((category === 'social_security_card' || category === 'self_service') && i % 3 === 0) {
      add('mark-typical', closeDay + 1, 'admin', {
        rootCause: category === 'social_security_card' ? '社保卡制卡依赖人社部门，网点未主动告知办卡周期。' : '自助设备故障及人工服务的处置时限未公示，客户等待过长。',
        lessons: '完善告知口径，在网点公示办理时限并建立进度查询渠道。',
        tags: category === 'social_security_card' ? ['社保卡', '等待时间'] : ['自助设备', '等待时间'],
      });
    }
  }
  const horizon = now.getTime() - HOUR;
  return steps.filter((s) => s.at.getTime() < horizon).sort((a, b) => a.at.getTime() - b.at.getTime());
}
