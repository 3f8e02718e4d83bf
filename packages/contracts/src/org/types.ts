/** Plain constants of the org tree; no decorators, so the browser console imports them at run time. */
/** 总行 head office → 分行 branch → 支行 sub-branch → 网点 outlet, plus departments anywhere. */
export const ORG_UNIT_TYPES = ['head_office', 'branch', 'sub_branch', 'outlet', 'department'] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

export const ORG_UNIT_TYPE_LABELS: Record<OrgUnitType, { zh: string; en: string }> = {
  head_office: { zh: '总行', en: 'Head office' },
  branch: { zh: '分行', en: 'Branch' },
  sub_branch: { zh: '支行', en: 'Sub-branch' },
  outlet: { zh: '网点', en: 'Outlet' },
  department: { zh: '部门', en: 'Department' },
};
