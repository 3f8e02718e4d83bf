import type { OrgUnitType, Role } from '@xb/contracts';

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
  username: string;
  displayName: string;
  unit: string;
  roles: Role[];
}

/**
 * One user per role, named after the role (the handler works at 资阳分行, so its scope is
 * visible), plus the handlers of the other areas the demo complaints fall in.
 */
export const DEMO_USERS: SeedUser[] = [
  { username: 'admin', displayName: '王消保', unit: 'HO-CPO', roles: ['admin'] },
  { username: 'handler', displayName: '李处理', unit: 'BR-ZY', roles: ['handler', 'staff'] },
  { username: 'trainer', displayName: '张培训', unit: 'HO-RET', roles: ['trainer', 'staff'] },
  { username: 'inspector', displayName: '赵暗访', unit: 'HO-CPO', roles: ['inspector', 'staff'] },
  { username: 'auditor', displayName: '陈审计', unit: 'HO-CMP', roles: ['auditor'] },
  { username: 'staff', displayName: '刘员工', unit: 'OT-AJ-1', roles: ['staff'] },
  { username: 'handler.my', displayName: '周处理', unit: 'BR-MY', roles: ['handler', 'staff'] },
  { username: 'handler.biz', displayName: '吴处理', unit: 'HO-BIZ', roles: ['handler', 'staff'] },
  { username: 'handler.tel', displayName: '郑处理', unit: 'HO-TEL', roles: ['handler', 'staff'] },
];
