import type { Channel, BusinessCategory, Cause, OrgUnitType, Role } from '@xb/contracts';

/** Demo org tree: head office with the consumer-protection office, 2 branches, 4 sub-branches, 8 outlets. */
export interface SeedUnit {
  code: string;
  name: string;
  type: OrgUnitType;
  parent?: string;
}

export const DEMO_UNITS: SeedUnit[] = [
  { code: 'HO', name: '总行', type: 'head_office' },
  { code: 'HO-CPO', name: '消费者权益保护办公室', type: 'department', parent: 'HO' },
  { code: 'HO-BIZ', name: '总行营业部', type: 'department', parent: 'HO' },
  { code: 'HO-TEL', name: '96677电话银行中心', type: 'department', parent: 'HO' },
  { code: 'HO-CMP', name: '合规管理部', type: 'department', parent: 'HO' },
  { code: 'HO-RET', name: '个人金融部', type: 'department', parent: 'HO' },
  { code: 'BR-ZY', name: '资阳分行', type: 'branch', parent: 'HO' },
  { code: 'BR-MY', name: '绵阳分行', type: 'branch', parent: 'HO' },
  { code: 'SB-AJ', name: '安居支行', type: 'sub_branch', parent: 'BR-ZY' },
  { code: 'SB-LZ', name: '乐至支行', type: 'sub_branch', parent: 'BR-ZY' },
  { code: 'SB-SH', name: '射洪支行', type: 'sub_branch', parent: 'BR-MY' },
  { code: 'SB-PX', name: '蓬溪支行', type: 'sub_branch', parent: 'BR-MY' },
  { code: 'OT-AJ-1', name: '安居支行营业部', type: 'outlet', parent: 'SB-AJ' },
  { code: 'OT-AJ-2', name: '安居镇网点', type: 'outlet', parent: 'SB-AJ' },
  { code: 'OT-LZ-1', name: '乐至支行营业部', type: 'outlet', parent: 'SB-LZ' },
  { code: 'OT-LZ-2', name: '乐至城东网点', type: 'outlet', parent: 'SB-LZ' },
  { code: 'OT-SH-1', name: '射洪支行营业部', type: 'outlet', parent: 'SB-SH' },
  { code: 'OT-SH-2', name: '射洪太和网点', type: 'outlet', parent: 'SB-SH' },
  { code: 'OT-PX-1', name: '蓬溪支行营业部', type: 'outlet', parent: 'SB-PX' },
  { code: 'OT-PX-2', name: '蓬溪赤城网点', type: 'outlet', parent: 'SB-PX' },
];

export interface SeedUser {
  username: Role;
  displayName: string;
  unit: string;
  roles: Role[];
}

/** One user per role, named after the role. The handler works at a branch so its scope is visible. */
export const DEMO_USERS: SeedUser[] = [
  { username: 'admin', displayName: '王消保(管理员)', unit: 'HO-CPO', roles: ['admin'] },
  { username: 'handler', displayName: '李处理(资阳分行)', unit: 'BR-ZY', roles: ['handler', 'staff'] },
  { username: 'trainer', displayName: '张培训', unit: 'HO-RET', roles: ['trainer', 'staff'] },
  { username: 'inspector', displayName: '赵暗访', unit: 'HO-CPO', roles: ['inspector', 'staff'] },
  { username: 'auditor', displayName: '陈审计', unit: 'HO-CMP', roles: ['auditor'] },
  { username: 'staff', displayName: '刘员工', unit: 'OT-AJ-1', roles: ['staff'] },
];

const CHANNEL_MIX: Channel[] = ['hotline_12345', 'hotline_12345', 'hotline_12345', 'own_hotline', 'counter', 'hotline_12363', 'online', 'regulator_transfer', 'letter', 'email'];
const CATEGORY_MIX: BusinessCategory[] = ['social_security_card', 'loan', 'self_service', 'service_quality', 'credit_card', 'bank_card', 'wealth_management', 'e_banking', 'deposit', 'other'];
const CAUSE_MIX: Cause[] = ['process_waiting', 'attitude', 'fees', 'system_failure', 'disclosure', 'mis_selling', 'contract_terms', 'information_security', 'other'];
const UNIT_MIX = ['HO-BIZ', 'HO-BIZ', 'HO-TEL', 'SB-AJ', 'OT-AJ-1', 'SB-SH', 'OT-SH-2', 'SB-PX', 'BR-ZY', 'OT-LZ-1', 'BR-MY', 'OT-PX-2'];
const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '军', '杰', '娟'];
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

export interface SeedComplaint {
  key: string;
  channel: Channel;
  businessCategory: BusinessCategory;
  cause: Cause;
  unit: string;
  receivedAt: string;
  customerName: string;
  customerPhone: string;
  description: string;
  demand: string;
  externalRef?: string;
  severity: 'general' | 'major';
}

/** ~50 complaints spread over the last five months and over channels, units and categories (deterministic). */
export function demoComplaints(count = 50, now = new Date()): SeedComplaint[] {
  return Array.from({ length: count }, (_, i) => {
    const channel = CHANNEL_MIX[i % CHANNEL_MIX.length];
    const transferred = channel === 'hotline_12345' || channel === 'hotline_12363' || channel === 'regulator_transfer';
    const receivedAt = new Date(now.getTime() - ((i * 37) % 150) * 86_400_000 - (i % 9) * 3_600_000);
    return {
      key: `demo-complaint-${i + 1}`,
      channel,
      businessCategory: CATEGORY_MIX[(i * 3) % CATEGORY_MIX.length],
      cause: CAUSE_MIX[(i * 5) % CAUSE_MIX.length],
      unit: UNIT_MIX[(i * 7) % UNIT_MIX.length],
      receivedAt: receivedAt.toISOString(),
      customerName: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 5) % GIVEN.length] + (i % 3 === 0 ? GIVEN[(i + 1) % GIVEN.length] : ''),
      customerPhone: `13${(800000000 + i * 7919).toString().slice(0, 9)}`,
      description: STORIES[i % STORIES.length],
      demand: i % 2 === 0 ? '尽快处理并给予答复' : '要求解释并退还相关费用',
      ...(transferred ? { externalRef: `${channel === 'hotline_12345' ? '12345' : channel === 'hotline_12363' ? '12363' : 'JG'}-${2026}${String(1000 + i)}` } : {}),
      severity: i % 17 === 5 ? 'major' : 'general',
    };
  });
}
