/**
 * Coded lists of the campaigns module 宣传教育活动 (decorator-free: the console imports them
 * at run time as `@xb/contracts/campaigns/codes`).
 */

/** Campaign series that survive the regulator's renames (金融知识普及月 → 金融教育宣传月 → 宣传周). Other keys may be used too. */
export const KNOWN_SERIES = {
  consumer_rights_day: { zh: '3·15 消费者权益保护教育宣传', en: '3·15 Consumer Rights Day' },
  financial_literacy_month: { zh: '金融知识普及月 / 金融教育宣传月', en: 'Financial literacy month' },
  anti_fraud: { zh: '防范电信网络诈骗宣传', en: 'Anti-fraud outreach' },
  knowledge_tour: { zh: '普及金融知识万里行', en: 'Financial knowledge tour' },
} as const;
export const SERIES_KEY_RULE = /^[a-z][a-z0-9_]{1,63}$/;

/** 宣教场所: where an activity took place. */
export const VENUE_TYPES = ['outlet', 'community', 'school', 'rural', 'enterprise', 'business_district', 'media', 'online'] as const;
export type VenueType = (typeof VENUE_TYPES)[number];
export const VENUE_LABELS: Record<VenueType, { zh: string; en: string }> = {
  outlet: { zh: '网点厅堂', en: 'Outlet' },
  community: { zh: '进社区', en: 'Community' },
  school: { zh: '进学校', en: 'School' },
  rural: { zh: '进乡村', en: 'Rural' },
  enterprise: { zh: '进企业', en: 'Enterprise' },
  business_district: { zh: '进商圈', en: 'Business district' },
  media: { zh: '媒体', en: 'Media' },
  online: { zh: '线上', en: 'Online' },
};

/** 重点人群: the default list of target groups; a campaign may add its own codes. */
export const DEFAULT_TARGET_GROUPS = ['elderly', 'students', 'new_citizens', 'rural_residents', 'disabled', 'general_public'] as const;
export const TARGET_GROUP_LABELS: Record<string, { zh: string; en: string }> = {
  elderly: { zh: '老年人', en: 'Elderly' },
  students: { zh: '青少年/学生', en: 'Students' },
  new_citizens: { zh: '新市民', en: 'New citizens' },
  rural_residents: { zh: '农村居民', en: 'Rural residents' },
  disabled: { zh: '残障人士', en: 'Disabled people' },
  general_public: { zh: '社会公众', en: 'General public' },
};
export const CODE_RULE = /^[a-z][a-z0-9_]{0,39}$/;

export const ACTIVITY_STATUSES = ['draft', 'submitted', 'verified', 'returned'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Submitted' },
  verified: { zh: '已审核', en: 'Verified' },
  returned: { zh: '已退回', en: 'Returned' },
};

/**
 * The workflow as data: action → the states it starts from and the state it leads to.
 * `report` edits/submits are the reporting unit's; `verify`, `return`, `unverify` are the unit above's.
 */
export const ACTIVITY_TRANSITIONS = {
  edit: { from: ['draft', 'returned'], to: null, by: 'reporter' },
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'reporter' },
  verify: { from: ['submitted'], to: 'verified', by: 'verifier' },
  return: { from: ['submitted'], to: 'returned', by: 'verifier' },
  /** 撤销审核: takes a verified activity out of every total (back to submitted). */
  unverify: { from: ['verified'], to: 'submitted', by: 'verifier' },
} as const satisfies Record<string, { from: readonly ActivityStatus[]; to: ActivityStatus | null; by: 'reporter' | 'verifier' }>;
export type ActivityAction = keyof typeof ACTIVITY_TRANSITIONS;
export const ACTIVITY_ACTIONS = Object.keys(ACTIVITY_TRANSITIONS) as ActivityAction[];

/** What may be done with a reported activity (活动上报). */
export const ACTIVITY_ACTION_LABELS: Record<ActivityAction, { zh: string; en: string }> = {
  edit: { zh: '编辑', en: 'Edit' },
  submit: { zh: '提交审核', en: 'Submit' },
  verify: { zh: '审核通过', en: 'Verify' },
  return: { zh: '退回', en: 'Return' },
  unverify: { zh: '撤销审核', en: 'Un-verify' },
};

/** What may be done with a campaign. */
export const CAMPAIGN_ACTION_LABELS: Record<'edit' | 'close', { zh: string; en: string }> = {
  edit: { zh: '编辑', en: 'Edit' },
  close: { zh: '结束活动', en: 'Close' },
};

export const CAMPAIGN_STATUSES = ['open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** The figures a campaign counts (only verified activities). */
export const METRICS = ['sessions', 'peopleReached', 'outlets', 'distinctStaff', 'staffPersonTimes', 'materials', 'onlineViews', 'eposterOutlets', 'activities'] as const;
export type Metric = (typeof METRICS)[number];
export const METRIC_LABELS: Record<Metric, { zh: string; en: string }> = {
  sessions: { zh: '宣教场次', en: 'Sessions' },
  peopleReached: { zh: '受众人数', en: 'People reached' },
  outlets: { zh: '参与网点', en: 'Outlets taking part' },
  distinctStaff: { zh: '参与员工（人）', en: 'Staff (distinct)' },
  staffPersonTimes: { zh: '参与员工（人次）', en: 'Staff person-times' },
  materials: { zh: '发放资料（份）', en: 'Materials distributed' },
  onlineViews: { zh: '线上浏览量', en: 'Online views' },
  eposterOutlets: { zh: '电子海报网点', en: 'Outlets with e-posters' },
  activities: { zh: '活动数', en: 'Activities' },
};
/** Metrics a target may be set on. */
export const TARGET_METRICS = ['sessions', 'peopleReached', 'outlets', 'distinctStaff', 'materials', 'onlineViews', 'eposterOutlets'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const TOTALS_GROUP_BY = ['unit', 'venueType', 'targetGroup', 'topic', 'week'] as const;
export type TotalsGroupBy = (typeof TOTALS_GROUP_BY)[number];
export const TOTALS_GROUP_LABELS: Record<TotalsGroupBy, { zh: string; en: string }> = {
  unit: { zh: '按机构', en: 'By unit' },
  venueType: { zh: '按场所', en: 'By venue' },
  targetGroup: { zh: '按受众', en: 'By audience' },
  topic: { zh: '按主题', en: 'By topic' },
  week: { zh: '按周', en: 'By week' },
};

/** Import limits: the file travels to the service in one message. */
export const CAMPAIGN_IMPORT_MAX_ROWS = 10_000;
export const CAMPAIGN_IMPORT_MAX_BYTES = 700_000;
/** Import columns, in template order (header → field). */
export const CAMPAIGN_IMPORT_COLUMNS = [
  { field: 'unitCode', zh: '机构代码' },
  { field: 'date', zh: '活动日期' },
  { field: 'venueType', zh: '场所类型' },
  { field: 'targetGroups', zh: '重点人群' },
  { field: 'topics', zh: '主题' },
  { field: 'sessions', zh: '场次' },
  { field: 'staff', zh: '参与员工(用户名)' },
  { field: 'materials', zh: '发放资料' },
  { field: 'peopleReached', zh: '受众人数' },
  { field: 'onlineViews', zh: '线上浏览量' },
  { field: 'eposters', zh: '电子海报' },
  { field: 'description', zh: '活动简述' },
] as const;
