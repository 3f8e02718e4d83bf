/**
 * The demo documents the seeds name, as data: each with its versions (Markdown with 章/条),
 * when each took effect, whether the change is material, and for emergency plans their
 * structure. `load-demo.ts` replays them through the service's own rules.
 */
import type { CreatePolicyDocumentDto, PlanStructureDto } from '@xb/contracts/policies';

export interface DemoVersion {
  content: string;
  changeSummary: string;
  material: boolean;
  /** Days before today it took effect. */
  effectiveDaysAgo: number;
  plan?: PlanStructureDto;
}

export interface DemoDocument {
  doc: Omit<CreatePolicyDocumentDto, 'ownerUnitId' | 'audienceUnitIds' | 'approvalRule'> & { ownerUnit: string; audienceUnits: string[] };
  versions: DemoVersion[];
  /** Demo users who acknowledged the current version (the others have not yet). */
  acknowledgedBy: string[];
  /** A revision drafted and submitted, waiting for the auditor's sign-off (审阅会签), to take effect this many days from now. */
  inReview?: Omit<DemoVersion, 'effectiveDaysAgo' | 'plan'> & { effectiveInDays: number };
  drill?: { daysAgo: number; scenario: string; participants: string[]; findings: { finding: string; action: string; owner: string; dueInDays: number }[] };
  incident?: { daysAgo: number; title: string; level: number; raisedTo?: number; review: string };
}

const complaintsV1 = `# 客户投诉管理办法

## 第一章 总则

第一条 为规范本行客户投诉处理工作，保护消费者合法权益，根据《银行保险机构消费者权益保护管理办法》，制定本办法。

第二条 本办法适用于本行各级机构、各部门。

## 第二章 投诉受理

第三条 各营业网点应当公示投诉电话、投诉处理流程和时限。

第四条 投诉受理人员应当在受理后2个工作日内登记，并告知客户处理时限。

第五条 对于客户提出的投诉，应当在15日内作出处理决定，情况复杂的可以延长至30日。

## 第三章 附则

第六条 本办法由消费者权益保护办公室负责解释。

第七条 本办法自印发之日起施行。`;

const complaintsV2 = `# 客户投诉管理办法

## 第一章 总则

第一条 为规范本行客户投诉处理工作，保护消费者合法权益，根据《银行保险机构消费者权益保护管理办法》《银行业保险业消费投诉处理管理办法》，制定本办法。

第二条 本办法适用于本行各级机构、各部门及外包服务机构。

第三条 投诉处理应当遵循依法合规、便捷高效、标本兼治和多元化解的原则。

## 第二章 投诉受理

第四条 各营业网点应当在醒目位置公示投诉电话、投诉处理流程和时限，并在官方网站、手机银行同步公布。

第五条 投诉受理人员应当在受理后1个工作日内登记，并告知客户处理时限。

第六条 对于客户提出的投诉，应当在15日内作出处理决定并告知客户；情况复杂的，经本行消保办负责人批准，可以延长至30日，但应当告知客户延长理由。

## 第三章 附则

第七条 本办法由消费者权益保护办公室负责解释。

第八条 本办法自印发之日起施行，原《客户投诉管理办法》同时废止。`;

const plan = (businessType: PlanStructureDto['businessType'], scenario: string, steps: [string, string, number, boolean][]): PlanStructureDto => ({
  businessType,
  scenario,
  levels: [
    { level: 1, name: 'I级（特别重大）', triggers: '涉及全行、造成重大社会影响或引发群体性事件' },
    { level: 2, name: 'II级（重大）', triggers: '涉及一家分行、引发媒体关注' },
    { level: 3, name: 'III级（较大）', triggers: '单个网点、影响可控' },
  ],
  team: [
    { role: '组长', name: '王消保', contact: '028-8000-0001' },
    { role: '副组长', name: '陈审计', contact: '028-8000-0002' },
    { role: '联络员', name: '赵暗访', contact: '028-8000-0003' },
  ],
  steps: steps.map(([title, ownerRole, minutesAllowed, mandatory], i) => ({ order: i + 1, title, ownerRole, minutesAllowed, mandatory })),
  reporting: [
    { level: 3, to: '分行消保部门', withinMinutes: 120 },
    { level: 3, to: '总行消保办', withinMinutes: 240 },
    { level: 2, to: '总行消保办', withinMinutes: 60 },
    { level: 2, to: '监管部门', withinMinutes: 24 * 60 },
    { level: 1, to: '总行消保办', withinMinutes: 30 },
    { level: 1, to: '监管部门', withinMinutes: 60 },
  ],
});

const planText = (title: string) => `# ${title}

## 第一章 总则

第一条 为及时、有效处置${title.replace('应急预案', '').replace('应急管理办法', '')}，最大限度减少对消费者权益的损害，制定本预案。

第二条 本预案适用于本行各级机构。

## 第二章 组织体系

第三条 成立突发事件应急处置领导小组，组长由分管行领导担任。

## 第三章 分级与响应

第四条 突发事件按影响范围分为特别重大（I级）、重大（II级）、较大（III级）三级。

第五条 事发机构应当在规定时限内逐级报告，不得迟报、漏报、瞒报。

## 第四章 附则

第六条 本预案每年至少演练一次。`;

export const DEMO_POLICIES: DemoDocument[] = [
  {
    doc: { code: 'XB-ZD-001', title: '客户投诉管理办法', kind: 'policy', ownerUnit: 'HO-CPO', audienceUnits: ['HO'], businessLine: '消费者权益保护', reviewCycleMonths: 12, requiresAcknowledgement: true },
    versions: [
      { content: complaintsV1, changeSummary: '首次印发', material: true, effectiveDaysAgo: 400 },
      { content: complaintsV2, changeSummary: '依据《银行业保险业消费投诉处理管理办法》修订：新增处理原则，登记时限缩短为1个工作日，延期须经批准并告知理由', material: true, effectiveDaysAgo: 40 },
    ],
    acknowledgedBy: ['handler', 'handler.my', 'admin', 'inspector'],
  },
  {
    doc: { code: 'XB-GF-001', title: '消费者权益保护行为规范', kind: 'code_of_conduct', ownerUnit: 'HO-CPO', audienceUnits: ['HO'], reviewCycleMonths: 24, requiresAcknowledgement: true },
    versions: [
      {
        content: `# 消费者权益保护行为规范\n\n第一条 员工应当尊重消费者，不得歧视、侮辱消费者。\n\n第二条 销售金融产品应当如实告知风险，不得夸大收益。\n\n第三条 未经消费者同意，不得查询、使用或对外提供其个人金融信息。\n\n第四条 严禁以任何形式向消费者搭售产品。`,
        changeSummary: '首次印发',
        material: true,
        effectiveDaysAgo: 200,
      },
    ],
    acknowledgedBy: ['staff', 'handler', 'handler.my', 'handler.biz', 'handler.tel', 'trainer', 'inspector', 'admin'],
  },
  {
    doc: { code: 'XB-ZD-002', title: '个人金融信息保护管理办法', kind: 'policy', ownerUnit: 'HO-CMP', audienceUnits: ['HO'], reviewCycleMonths: 12, requiresAcknowledgement: true },
    versions: [
      {
        content: `# 个人金融信息保护管理办法\n\n第一条 为加强个人金融信息保护，依据《中华人民共和国个人信息保护法》《个人金融信息保护技术规范》（JR/T 0171—2020），制定本办法。\n\n第二条 个人金融信息按敏感程度分为C3、C2、C1三个类别。\n\n第三条 C3类信息原则上不得对外提供；确需提供的，应当经消费者单独同意。\n\n第四条 发生个人金融信息泄露的，应当立即启动应急预案并向监管部门报告。`,
        changeSummary: '首次印发',
        material: true,
        effectiveDaysAgo: 350,
      },
    ],
    acknowledgedBy: ['handler', 'admin'],
    inReview: {
      content: `# 个人金融信息保护管理办法\n\n第一条 为加强个人金融信息保护，依据《中华人民共和国个人信息保护法》《个人金融信息保护技术规范》（JR/T 0171—2020），制定本办法。\n\n第二条 个人金融信息按敏感程度分为C3、C2、C1三个类别。\n\n第三条 C3类信息原则上不得对外提供；确需提供的，应当经消费者单独同意。\n\n第四条 发生个人金融信息泄露的，应当立即启动应急预案，并于24小时内向监管部门报告。\n\n第五条 查询客户信息明文应当登记查询事由，系统留痕，定期抽查。`,
      changeSummary: '修订：第四条明确24小时内报告；新增第五条 查询事由登记与抽查',
      material: true,
      effectiveInDays: 15,
    },
  },
  {
    doc: { code: 'XB-YA-001', title: '消费者权益保护突发事件应急预案', kind: 'emergency_plan', ownerUnit: 'HO-CPO', audienceUnits: ['HO'], reviewCycleMonths: 12, requiresAcknowledgement: false, planBusinessType: 'public_opinion', drillCycleMonths: 12 },
    versions: [
      {
        content: planText('消费者权益保护突发事件应急预案'),
        changeSummary: '首次印发',
        material: true,
        effectiveDaysAgo: 300,
        plan: plan('public_opinion', '负面舆情或群体性投诉', [
          ['核实事件并启动预案', '组长', 30, true],
          ['安抚客户、控制现场', '网点负责人', 60, true],
          ['舆情监测与口径发布', '联络员', 120, false],
          ['向监管部门报告', '副组长', 240, true],
        ]),
      },
    ],
    acknowledgedBy: [],
  },
  {
    doc: { code: 'XB-YA-002', title: '理财业务突发事件应急预案', kind: 'emergency_plan', ownerUnit: 'HO-RET', audienceUnits: ['HO'], reviewCycleMonths: 12, requiresAcknowledgement: false, planBusinessType: 'wealth_management', drillCycleMonths: 12 },
    versions: [
      {
        content: planText('理财业务突发事件应急预案'),
        changeSummary: '首次印发',
        material: true,
        effectiveDaysAgo: 500,
        plan: plan('wealth_management', '理财产品到期无法兑付引发集中投诉', [
          ['核实产品兑付情况', '个人金融部', 60, true],
          ['统一客户解释口径', '组长', 120, true],
          ['设立专门接待窗口', '网点负责人', 240, false],
        ]),
      },
    ],
    acknowledgedBy: [],
    drill: {
      daysAgo: 90,
      scenario: '理财产品延期兑付，百余名客户到网点聚集',
      participants: ['王消保', '张培训', '刘员工', '李处理(资阳分行)'],
      findings: [{ finding: '客户解释口径下发用时超出预案时限', action: '预置标准口径模板', owner: '个人金融部', dueInDays: 30 }],
    },
  },
  {
    doc: { code: 'XB-YA-003', title: '信息系统突发事件应急管理办法', kind: 'emergency_plan', ownerUnit: 'HO-CPO', audienceUnits: ['HO'], reviewCycleMonths: 12, requiresAcknowledgement: false, planBusinessType: 'information_system', drillCycleMonths: 6 },
    versions: [
      {
        content: planText('信息系统突发事件应急管理办法'),
        changeSummary: '首次印发',
        material: true,
        effectiveDaysAgo: 250,
        plan: plan('information_system', '核心系统或手机银行中断', [
          ['确认故障范围并启动预案', '组长', 15, true],
          ['网点张贴公告、引导客户', '网点负责人', 30, true],
          ['启用应急处理流程', '联络员', 60, false],
          ['恢复后回访受影响客户', '副组长', 1440, true],
        ]),
      },
    ],
    acknowledgedBy: [],
    incident: { daysAgo: 20, title: '手机银行转账功能中断约40分钟', level: 3, raisedTo: 2, review: '故障由第三方支付通道升级引起；网点公告及时，客户投诉3件均已处理完毕。' },
  },
];
