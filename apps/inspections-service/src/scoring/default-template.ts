/**
 * The default mystery-shopper checklist, version 1: the six aspects the Qingdao seed checks
 * outlets on (营业环境及设施, 员工职业形象, 大堂经理服务, 柜员服务, 客户经理服务, 保安服务), with
 * items drawn from the seeds and the rules they cite (price disclosure 服务价格公示,
 * complaint channels 投诉渠道公示, 双录 recording of agency sales, suitability 适当性, no
 * mis-selling 不得误导销售, privacy). The service seeds its first template version from this.
 *
 * Dimension weights add up to 100 (they need not); item weights are 3 for red-line 红线
 * items, 2 for the usual ones, 1 for courtesies. Scale items are 0–N with the lowest
 * non-finding value in `passAt`. Items that depend on the visit's scenario (a wealth-product
 * consultation, a fee-bearing service, a customer needing help …) allow N/A.
 */
import { ChecklistTemplate, TemplateItem } from './template.js';

type ItemSpec = Omit<TemplateItem, 'dimensionKey' | 'naAllowed' | 'redLine' | 'photoOnFail' | 'answerType'> &
  Partial<Pick<TemplateItem, 'naAllowed' | 'redLine' | 'photoOnFail' | 'answerType'>>;

const items = (dimensionKey: string, specs: ItemSpec[]): TemplateItem[] =>
  specs.map((s) => ({ answerType: 'pass_fail', naAllowed: false, redLine: false, photoOnFail: false, ...s, dimensionKey }));

export const DEFAULT_TEMPLATE: ChecklistTemplate = {
  key: 'mystery-shopper-default',
  name: '神秘人暗访标准检查表',
  passMark: 80,
  everyDimensionMustPass: false,
  dimensions: [
    { key: 'environment', name: '营业环境及设施', weight: 15, passMark: 80 }, // premises and facilities
    { key: 'appearance', name: '员工职业形象', weight: 10, passMark: 80 }, // staff professional appearance
    { key: 'lobby', name: '大堂经理服务', weight: 20, passMark: 80 }, // lobby manager
    { key: 'teller', name: '柜员服务', weight: 25, passMark: 85 }, // counter teller
    { key: 'manager', name: '客户经理服务', weight: 20, passMark: 85 }, // relationship manager (wealth, loans)
    { key: 'security', name: '保安服务', weight: 10, passMark: 80 }, // security guard
  ],
  items: [
    ...items('environment', [
      { key: 'environment.protection-corner', text: '消保宣传区设置规范，宣传资料齐全并及时更新', weight: 2, photoOnFail: true },
      { key: 'environment.complaint-hotline', text: '投诉电话、投诉处理流程及时限在显著位置公示', weight: 3, redLine: true, photoOnFail: true },
      { key: 'environment.price-list', text: '服务价格（收费项目、标准、依据）公示完整，与实际收费一致', weight: 3, redLine: true, photoOnFail: true },
      { key: 'environment.amenities', text: '便民设施（座椅、饮水、老花镜、书写用品）齐全可用', weight: 2, answerType: 'scale', scaleMax: 4, passAt: 3 },
      { key: 'environment.accessibility', text: '无障碍通道、爱心窗口设置并可正常使用', weight: 2, naAllowed: true, photoOnFail: true },
      { key: 'environment.self-service', text: '自助设备运行正常，故障设备有明显提示', weight: 2, naAllowed: true, photoOnFail: true },
      { key: 'environment.tidiness', text: '营业厅整洁明亮，功能分区标识清晰', weight: 1, answerType: 'scale', scaleMax: 4, passAt: 3 },
    ]),
    ...items('appearance', [
      { key: 'appearance.uniform', text: '统一着装，规范佩戴工号牌', weight: 2, photoOnFail: true },
      { key: 'appearance.grooming', text: '仪容仪表整洁得体', weight: 1, answerType: 'scale', scaleMax: 4, passAt: 3 },
      { key: 'appearance.posture', text: '站姿、坐姿规范，无倚靠、趴桌', weight: 1 },
      { key: 'appearance.desk', text: '工作台面整洁，无与工作无关的物品', weight: 1, photoOnFail: true },
      { key: 'appearance.conduct', text: '服务期间不接打私人电话、不闲聊、不玩手机', weight: 2 },
      { key: 'appearance.language', text: '使用普通话和文明服务用语', weight: 2 },
    ]),
    ...items('lobby', [
      { key: 'lobby.greeting', text: '主动迎候客户并询问业务需求', weight: 2 },
      { key: 'lobby.triage', text: '准确分流引导，主动介绍自助及线上渠道', weight: 2, answerType: 'scale', scaleMax: 4, passAt: 3 },
      { key: 'lobby.special-groups', text: '对老年人、残障人士等特殊群体提供优先和协助服务', weight: 2, naAllowed: true },
      { key: 'lobby.first-responder', text: '客户表达不满时首问负责，引导投诉处理，不推诿', weight: 3, redLine: true, naAllowed: true },
      { key: 'lobby.waiting', text: '关注等候客户，等候时间较长时主动安抚', weight: 1, naAllowed: true },
      { key: 'lobby.anti-fraud', text: '主动进行防范电信网络诈骗风险提示', weight: 2 },
    ]),
    ...items('teller', [
      { key: 'teller.count-aloud', text: '唱收唱付，当面点清', weight: 2 },
      { key: 'teller.risk-warning', text: '办理业务时进行风险提示（含防诈骗提示）', weight: 2 },
      { key: 'teller.dual-recording', text: '代销产品销售执行双录（录音录像）', weight: 3, redLine: true, naAllowed: true, photoOnFail: true },
      { key: 'teller.fee-disclosure', text: '收费业务事先告知收费项目和标准', weight: 3, redLine: true, naAllowed: true },
      { key: 'teller.privacy', text: '保护客户信息：一米线、密码输入遮挡、不外泄客户信息', weight: 3, redLine: true, photoOnFail: true },
      { key: 'teller.accuracy', text: '业务办理准确、高效', weight: 2, answerType: 'scale', scaleMax: 5, passAt: 3 },
      { key: 'teller.farewell', text: '礼貌道别，提醒客户带好随身物品', weight: 1 },
    ]),
    ...items('manager', [
      { key: 'manager.suitability', text: '销售理财等产品前进行客户风险承受能力评估（适当性评估）', weight: 3, redLine: true, naAllowed: true },
      { key: 'manager.no-mis-selling', text: '不得误导销售：不承诺保本保收益，不夸大或片面宣传收益', weight: 3, redLine: true },
      { key: 'manager.deposit-distinction', text: '明确区分存款与理财、保险、基金等代销产品', weight: 3, redLine: true },
      { key: 'manager.risk-disclosure', text: '充分揭示产品风险，提供产品说明书和风险揭示书', weight: 2, naAllowed: true },
      { key: 'manager.knowledge', text: '产品知识专业，解答准确', weight: 2, answerType: 'scale', scaleMax: 5, passAt: 3 },
      { key: 'manager.customer-rights', text: '告知犹豫期、冷静期等客户权利', weight: 1, naAllowed: true },
    ]),
    ...items('security', [
      { key: 'security.greeting', text: '主动问候，开门迎送客户', weight: 1 },
      { key: 'security.order', text: '维护营业秩序，引导客户有序排队', weight: 2 },
      { key: 'security.on-post', text: '在岗在位，无脱岗、睡岗', weight: 2, photoOnFail: true },
      { key: 'security.emergency', text: '熟悉应急处置（消防器材位置、紧急报警按钮）', weight: 2 },
      { key: 'security.self-service-area', text: '关注自助服务区及周边异常情况', weight: 1, naAllowed: true },
      { key: 'security.appearance', text: '着装规范，精神饱满', weight: 1 },
    ]),
  ],
};
