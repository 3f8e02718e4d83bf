/**
 * Coded lists and other plain constants of the complaints module. This file imports
 * nothing and holds no decorators, so the browser console imports it at run time
 * (`@xb/contracts/complaints/codes`) instead of keeping copies.
 *
 * Coded lists of the complaints module, kept as data so that statistics returns come
 * straight from the records. Business categories and causes are modelled on the B
 * (业务类别) and C (投诉原因) axes of JR/T 0169-2018 《金融消费者投诉统计分类及编码 银行业金融
 * 机构》, extended with the categories the bank's own summaries use (社保卡, 自助设备 …).
 *
 * Checked against the standard (docs/regulations.md, "Coded lists"): the standard's category
 * NAMES were found (secondary sources: an implementation report and a bank's complaint form),
 * its numeric code VALUES were not. So the `code` values here are the platform's own (kept:
 * imports and reports use them), and each B and C item records in `jrt0169` the standard's
 * category it maps to — null where it has none. The channel list is the intake channel
 * (受理渠道), which is NOT the standard's A axis (业务办理渠道, where the business was done).
 */
export interface CodedItem<K extends string = string> {
  key: K;
  /** The platform's statistical code (prefix A/B/C by axis; not the standard's code values). */
  code: string;
  zh: string;
  en: string;
  /** The JR/T 0169-2018 category (by its name) this item counts under; null: no counterpart in the standard. */
  jrt0169?: string | null;
}

/** JR/T 0169-2018 axis B (按照投诉业务类型分类), category names as found (docs/regulations.md). */
export const JRT0169_BUSINESS_TYPES = [
  '人民币储蓄类',
  '贷款类',
  '银行卡类',
  '支付结算类',
  '人民币管理类',
  '个人金融信息类',
  '自营理财类',
  '银行代理业务类',
  '其他中间业务类',
  '外汇类',
  '贵金属类',
  '国库类',
  '其他类',
] as const;

/** JR/T 0169-2018 axis C (按照投诉原因分类), category names as found (docs/regulations.md). */
export const JRT0169_CAUSES = [
  '因服务态度及服务质量引起的投诉',
  '因服务设施、设备、业务系统引起的投诉',
  '因管理制度、业务规则与流程引起的投诉',
  '因营销方式和手段引起的投诉',
  '因信息披露引起的投诉',
  '因自主选择权引起的投诉',
  '因定价收费引起的投诉',
  '因产品收益引起的投诉',
  '因合同条款引起的投诉',
  '因消费者资金安全引起的投诉',
  '因消费者信息安全引起的投诉',
  '其他',
] as const;

/**
 * 受理渠道 — where the complaint came in (our own list: the standard's A axis records where the
 * disputed business was done, 业务办理渠道, which the platform does not capture yet).
 */
export const CHANNELS = [
  { key: 'counter', code: 'A01', zh: '营业网点柜面', en: 'Counter' },
  { key: 'own_hotline', code: 'A02', zh: '本行客服热线（96677）', en: 'Own hotline (96677)' },
  { key: 'hotline_12345', code: 'A03', zh: '政府服务热线12345转办', en: '12345 government hotline' },
  { key: 'hotline_12363', code: 'A04', zh: '人民银行12363热线转办', en: '12363 PBoC hotline' },
  { key: 'regulator_transfer', code: 'A05', zh: '监管转办（12378等）', en: 'Regulator transfer (12378 …)' },
  { key: 'online', code: 'A06', zh: '网上银行/手机银行', en: 'Online / app' },
  { key: 'letter', code: 'A07', zh: '信函', en: 'Letter' },
  { key: 'email', code: 'A08', zh: '电子邮件', en: 'Email' },
  { key: 'media', code: 'A09', zh: '媒体', en: 'Media' },
] as const satisfies readonly CodedItem[];
export type Channel = (typeof CHANNELS)[number]['key'];
export const CHANNEL_KEYS = CHANNELS.map((c) => c.key) as Channel[];

/** Channels whose complaints were transferred in and carry an external reference and their own report-back deadline. */
export const TRANSFERRED_CHANNELS: readonly Channel[] = ['hotline_12345', 'hotline_12363', 'regulator_transfer'];

/** Whether a (possibly unvalidated) channel value is one of the transferred channels. */
export function isTransferredChannel(channel: unknown): channel is Channel {
  return (TRANSFERRED_CHANNELS as readonly unknown[]).includes(channel);
}

/** 业务类别 (B axis). */
export const BUSINESS_CATEGORIES = [
  { key: 'deposit', code: 'B01', zh: '存款业务', en: 'Deposits', jrt0169: '人民币储蓄类' },
  { key: 'bank_card', code: 'B02', zh: '银行卡（借记卡）', en: 'Bank cards', jrt0169: '银行卡类' },
  { key: 'social_security_card', code: 'B0201', zh: '社保卡', en: 'Social-security cards', jrt0169: '银行卡类' },
  { key: 'credit_card', code: 'B03', zh: '信用卡', en: 'Credit cards', jrt0169: '银行卡类' },
  { key: 'loan', code: 'B04', zh: '贷款业务', en: 'Loans', jrt0169: '贷款类' },
  { key: 'payment', code: 'B05', zh: '支付结算', en: 'Payments', jrt0169: '支付结算类' },
  // Spans two standard categories (自营理财类 and 银行代理业务类): counted under the first until the list is split.
  { key: 'wealth_management', code: 'B06', zh: '理财及代理业务', en: 'Wealth management & agency', jrt0169: '自营理财类' },
  // A channel in the standard (A axis 电子渠道), not a business type.
  { key: 'e_banking', code: 'B07', zh: '电子银行', en: 'E-banking', jrt0169: null },
  // A channel in the standard (A axis 自助机具), not a business type.
  { key: 'self_service', code: 'B08', zh: '自助设备（ATM、电话银行）', en: 'Self-service devices (ATM, phone banking)', jrt0169: null },
  // Not among the category names found; the bank's summaries report it separately.
  { key: 'credit_reporting', code: 'B09', zh: '征信', en: 'Credit reporting', jrt0169: null },
  { key: 'rmb_cash', code: 'B10', zh: '人民币现金', en: 'RMB cash', jrt0169: '人民币管理类' },
  { key: 'personal_information', code: 'B11', zh: '个人金融信息', en: 'Personal information', jrt0169: '个人金融信息类' },
  // A cause in the standard (C axis), not a business type.
  { key: 'service_quality', code: 'B12', zh: '服务质量及服务态度', en: 'Service quality & attitude', jrt0169: null },
  { key: 'other', code: 'B99', zh: '其他业务', en: 'Other', jrt0169: '其他类' },
] as const satisfies readonly CodedItem[];
export type BusinessCategory = (typeof BUSINESS_CATEGORIES)[number]['key'];
export const BUSINESS_CATEGORY_KEYS = BUSINESS_CATEGORIES.map((c) => c.key) as BusinessCategory[];

/** 投诉原因 (C axis). */
export const CAUSES = [
  { key: 'process_waiting', code: 'C01', zh: '业务规则、流程及等待时间', en: 'Process / waiting time', jrt0169: '因管理制度、业务规则与流程引起的投诉' },
  { key: 'mis_selling', code: 'C02', zh: '营销方式和手段', en: 'Mis-selling', jrt0169: '因营销方式和手段引起的投诉' },
  { key: 'disclosure', code: 'C03', zh: '信息披露', en: 'Disclosure', jrt0169: '因信息披露引起的投诉' },
  { key: 'fees', code: 'C04', zh: '定价收费', en: 'Fees', jrt0169: '因定价收费引起的投诉' },
  { key: 'contract_terms', code: 'C05', zh: '合同条款', en: 'Contract terms', jrt0169: '因合同条款引起的投诉' },
  { key: 'attitude', code: 'C06', zh: '服务态度', en: 'Attitude', jrt0169: '因服务态度及服务质量引起的投诉' },
  { key: 'system_failure', code: 'C07', zh: '系统故障', en: 'System failure', jrt0169: '因服务设施、设备、业务系统引起的投诉' },
  { key: 'information_security', code: 'C08', zh: '消费者信息安全', en: 'Information security', jrt0169: '因消费者信息安全引起的投诉' },
  { key: 'other', code: 'C99', zh: '其他', en: 'Other', jrt0169: '其他' },
] as const satisfies readonly CodedItem[];
export type Cause = (typeof CAUSES)[number]['key'];
export const CAUSE_KEYS = CAUSES.map((c) => c.key) as Cause[];

export const SEVERITIES = [
  { key: 'general', code: 'S1', zh: '一般', en: 'General' },
  { key: 'major', code: 'S2', zh: '重大', en: 'Major' },
] as const satisfies readonly CodedItem[];
export type Severity = (typeof SEVERITIES)[number]['key'];
export const SEVERITY_KEYS = SEVERITIES.map((c) => c.key) as Severity[];

/** Workflow states (受理 → 分办 → 处理 → 办结 → 反馈 → 回访). */
export const COMPLAINT_STATUSES = [
  { key: 'received', code: 'ST01', zh: '已受理', en: 'Received' },
  { key: 'assigned', code: 'ST02', zh: '已分办', en: 'Assigned' },
  { key: 'in_progress', code: 'ST03', zh: '处理中', en: 'In progress' },
  { key: 'resolved', code: 'ST04', zh: '已办结', en: 'Resolved' },
  { key: 'replied', code: 'ST05', zh: '已反馈', en: 'Replied' },
  { key: 'closed', code: 'ST06', zh: '已回访结案', en: 'Closed' },
  { key: 'rejected', code: 'ST07', zh: '不予受理', en: 'Rejected' },
  { key: 'withdrawn', code: 'ST08', zh: '客户撤诉', en: 'Withdrawn' },
] as const satisfies readonly CodedItem[];
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]['key'];
export const COMPLAINT_STATUS_KEYS = COMPLAINT_STATUSES.map((c) => c.key) as ComplaintStatus[];

/**
 * 限时 — the statuses in which a complaint's time limit is still running. CBIRC 2020 Order
 * No. 3 art. 18: the bank must DECIDE and INFORM the customer within 15 days of receipt
 * (30 / 60 with extensions). So the clock runs until 反馈 (`reply`, with `informedAt`), not
 * until 办结 (`resolve`): a `resolved` complaint whose customer has not been told yet is
 * still on the clock, can still be overdue, and is still reminded and escalated. This is
 * THE one definition; the workflow, the clock view, supervision and analysis all use it.
 */
export const CLOCK_RUNNING_STATUSES = ['received', 'assigned', 'in_progress', 'resolved'] as const satisfies readonly ComplaintStatus[];
export type ClockRunningStatus = (typeof CLOCK_RUNNING_STATUSES)[number];

/**
 * The statuses before the decision (办结): the case can still be withdrawn, paused for
 * outside appraisal, and so on. A subset of CLOCK_RUNNING_STATUSES.
 */
export const PRE_DECISION_STATUSES = ['received', 'assigned', 'in_progress'] as const satisfies readonly ComplaintStatus[];
export type PreDecisionStatus = (typeof PRE_DECISION_STATUSES)[number];

/** Whether the time limit (decide AND inform) is still running in `status`. */
export function isClockRunningStatus(status: string): status is ClockRunningStatus {
  return (CLOCK_RUNNING_STATUSES as readonly string[]).includes(status);
}

/** 处理结果 — the decision when a complaint is resolved (办结). */
export const OUTCOMES = [
  { key: 'upheld', code: 'R1', zh: '诉求成立', en: 'Upheld' },
  { key: 'partially_upheld', code: 'R2', zh: '诉求部分成立', en: 'Partially upheld' },
  { key: 'not_upheld', code: 'R3', zh: '诉求不成立', en: 'Not upheld' },
] as const satisfies readonly CodedItem[];
export type Outcome = (typeof OUTCOMES)[number]['key'];
export const OUTCOME_KEYS = OUTCOMES.map((c) => c.key) as Outcome[];

/** 反馈方式 — how the customer was told the decision. */
export const REPLY_METHODS = [
  { key: 'phone', code: 'M1', zh: '电话', en: 'Phone' },
  { key: 'sms', code: 'M2', zh: '短信', en: 'SMS' },
  { key: 'letter', code: 'M3', zh: '书面函件', en: 'Letter' },
  { key: 'in_person', code: 'M4', zh: '当面告知', en: 'In person' },
  { key: 'email', code: 'M5', zh: '电子邮件', en: 'Email' },
  { key: 'app', code: 'M6', zh: '手机银行/APP消息', en: 'App message' },
] as const satisfies readonly CodedItem[];
export type ReplyMethod = (typeof REPLY_METHODS)[number]['key'];
export const REPLY_METHOD_KEYS = REPLY_METHODS.map((c) => c.key) as ReplyMethod[];

/** 回访满意度 — satisfaction at the follow-up call. */
export const SATISFACTION_LEVELS = [
  { key: 'satisfied', code: 'F1', zh: '满意', en: 'Satisfied' },
  { key: 'basically_satisfied', code: 'F2', zh: '基本满意', en: 'Basically satisfied' },
  { key: 'dissatisfied', code: 'F3', zh: '不满意', en: 'Dissatisfied' },
] as const satisfies readonly CodedItem[];
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number]['key'];
export const SATISFACTION_KEYS = SATISFACTION_LEVELS.map((c) => c.key) as Satisfaction[];

/**
 * 个人金融信息分级 — personal financial information levels of JR/T 0171-2020 §4.2 (sources and
 * the reasoning per field: docs/regulations.md):
 * - C3: user authentication information (passwords, card verification codes, biometrics …);
 * - C2: information that identifies a specific person and their financial situation, and key
 *   information of a financial product or service (ID documents, mobile numbers, account numbers …);
 * - C1: the institution's internal information about an account (opening date, branch …).
 */
export type PiiLevel = 'C1' | 'C2' | 'C3';

/** What a level allows, the same for every field of that level. */
export interface PiiLevelRule {
  /** Kept by the complaints service at all (C3 never: a complaint does not need it). */
  stored: boolean;
  /** Stored encrypted (AES-256-GCM) rather than in clear. */
  encrypted: boolean;
  /** Shown masked in every list, read, export and event payload. */
  masked: boolean;
  /** May be revealed in clear through the audited reveal (admin, or a handler in scope). */
  revealable: boolean;
}

export const PII_LEVEL_RULES: Record<PiiLevel, PiiLevelRule> = {
  C3: { stored: false, encrypted: true, masked: true, revealable: false },
  C2: { stored: true, encrypted: true, masked: true, revealable: true },
  C1: { stored: true, encrypted: false, masked: false, revealable: false },
};

/** The customer fields of a complaint and their level. No C3 field exists: intake never asks for one. */
export const CUSTOMER_FIELD_LEVELS = {
  customerName: 'C2', // 个人身份信息 (客户法定名称), together with the phone it identifies the person
  customerPhone: 'C2', // 手机号码
  customerIdNumber: 'C2', // 证件信息 (证件号码)
} as const satisfies Record<string, PiiLevel>;
export type CustomerField = keyof typeof CUSTOMER_FIELD_LEVELS;

export interface ComplaintCodes {
  channels: readonly CodedItem[];
  businessCategories: readonly CodedItem[];
  causes: readonly CodedItem[];
  severities: readonly CodedItem[];
  statuses: readonly CodedItem[];
  outcomes: readonly CodedItem[];
  replyMethods: readonly CodedItem[];
  satisfactionLevels: readonly CodedItem[];
}

export const COMPLAINT_CODES: ComplaintCodes = {
  channels: CHANNELS,
  businessCategories: BUSINESS_CATEGORIES,
  causes: CAUSES,
  severities: SEVERITIES,
  statuses: COMPLAINT_STATUSES,
  outcomes: OUTCOMES,
  replyMethods: REPLY_METHODS,
  satisfactionLevels: SATISFACTION_LEVELS,
};

/**
 * Workflow actions. Each is its own NATS pattern (`complaints.complaint.<action>`) and its
 * own endpoint (`POST /api/complaints/:id/<action>`).
 */
export const WORKFLOW_ACTIONS = [
  'assign',
  'start',
  'resolve',
  'reply',
  'close',
  'reject',
  'withdraw',
  'reopen',
  'extend',
  'pause',
  'resume',
  'mark-typical',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Timeline actions: the workflow's plus intake and what supervision (督办) records. */
export const TIMELINE_ACTIONS = [
  'received',
  'assigned',
  'started',
  'resolved',
  'replied',
  'closed',
  'rejected',
  'withdrawn',
  'reopened',
  'extended',
  'paused',
  'resumed',
  'marked-typical',
  'reminded',
  'escalated',
  /** An evidence file was attached (no status change). */
  'attachment-added',
  // A deadline recounted when the counting rule changed (migration 1795800000000: Civil Code arts. 201, 203).
  'deadline-recounted',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

/** The columns of an import file: the create DTO's fields, with the unit given by its code. */
export const IMPORT_COLUMNS = [
  'channel',
  'businessCategory',
  'cause',
  'orgUnitCode',
  'receivedAt',
  'customerName',
  'customerPhone',
  'customerIdNumber',
  'description',
  'demand',
  'externalRef',
  'severity',
  'namedStaffUserIds',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
