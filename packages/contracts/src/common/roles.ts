/** Roles a user may hold. A user has one org unit and one or more roles. */
export const ROLES = ['admin', 'handler', 'trainer', 'inspector', 'auditor', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '消保办管理员', en: 'Consumer-protection office admin' },
  handler: { zh: '投诉处理人', en: 'Complaint handler' },
  trainer: { zh: '培训师', en: 'Trainer' },
  inspector: { zh: '暗访检查员', en: 'Mystery-shopper inspector' },
  auditor: { zh: '审计/合规', en: 'Auditor' },
  staff: { zh: '员工', en: 'Staff' },
};

/** Roles whose data scope is the whole bank when they sit at head office. */
export const BANK_WIDE_ROLES: readonly Role[] = ['admin', 'auditor'];
