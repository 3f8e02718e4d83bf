/**
 * The demo question bank: real consumer-protection knowledge (八项权利, complaint handling
 * rules and time limits, personal financial information, anti-fraud, wealth-management
 * suitability, 3·15 themes). Each fact yields a single-choice question and a true/false
 * question (one of them false, with the wrong value), so 48 facts + 24 multiple-choice
 * questions make 120.
 */
import type { QuestionDto } from '@xb/contracts/training';

interface Fact {
  tag: string;
  /** The stem with ___ where the answer goes. */
  stem: string;
  answer: string;
  wrong: [string, string, string];
  regulation: string;
  difficulty: number;
}

const R1 = '《中国人民银行金融消费者权益保护实施办法》';
const R2 = '《银行保险机构消费者权益保护管理办法》';
const R3 = '《银行业保险业消费投诉处理管理办法》';
const R4 = '《中华人民共和国个人信息保护法》';
const R5 = '《中华人民共和国反电信网络诈骗法》';
const R6 = '《商业银行理财业务监督管理办法》';
const R7 = '《中华人民共和国消费者权益保护法》';

const FACTS: Fact[] = [
  { tag: '八项权利', stem: '金融消费者在购买金融产品时，有权知悉产品的价格、费用、风险等真实情况，这是金融消费者的___。', answer: '知情权', wrong: ['自主选择权', '公平交易权', '受教育权'], regulation: R2, difficulty: 1 },
  { tag: '八项权利', stem: '金融消费者有权自主选择金融产品和服务的提供者，银行不得强制搭售，这体现了___。', answer: '自主选择权', wrong: ['知情权', '依法求偿权', '受尊重权'], regulation: R2, difficulty: 1 },
  { tag: '八项权利', stem: '银行在贷款时要求客户必须购买理财产品才能放款，侵犯了金融消费者的___。', answer: '公平交易权', wrong: ['信息安全权', '受教育权', '财产安全权'], regulation: R2, difficulty: 2 },
  { tag: '八项权利', stem: '银行应当保障客户账户资金安全，防范盗刷，这对应金融消费者的___。', answer: '财产安全权', wrong: ['知情权', '受尊重权', '自主选择权'], regulation: R2, difficulty: 1 },
  { tag: '八项权利', stem: '金融消费者因购买金融产品受到损害时，有依法获得赔偿的权利，即___。', answer: '依法求偿权', wrong: ['公平交易权', '受教育权', '知情权'], regulation: R2, difficulty: 1 },
  { tag: '八项权利', stem: '银行应当开展金融知识普及，提升消费者金融素养，这保障的是金融消费者的___。', answer: '受教育权', wrong: ['受尊重权', '信息安全权', '自主选择权'], regulation: R2, difficulty: 1 },
  { tag: '八项权利', stem: '银行不得因客户的民族、性别、残疾等情况而歧视客户，这保障的是___。', answer: '受尊重权', wrong: ['公平交易权', '知情权', '依法求偿权'], regulation: R2, difficulty: 2 },
  { tag: '八项权利', stem: '银行未经同意向第三方提供客户信息，侵犯了金融消费者的___。', answer: '信息安全权', wrong: ['财产安全权', '知情权', '受尊重权'], regulation: R2, difficulty: 1 },
  { tag: '八项权利', stem: '《银行保险机构消费者权益保护管理办法》明确保护的消费者权利共有___项。', answer: '八', wrong: ['六', '七', '十'], regulation: R2, difficulty: 2 },
  { tag: '八项权利', stem: '《银行保险机构消费者权益保护管理办法》自___起施行。', answer: '2023年3月1日', wrong: ['2022年1月1日', '2021年5月1日', '2024年3月15日'], regulation: R2, difficulty: 3 },
  { tag: '投诉处理', stem: '银行保险机构应当在收到投诉之日起___内作出处理决定并告知投诉人。', answer: '15日', wrong: ['7日', '30日', '60日'], regulation: R3, difficulty: 2 },
  { tag: '投诉处理', stem: '情况复杂的投诉，经本单位投诉处理工作负责人批准，处理期限最多可以延长至___。', answer: '30日', wrong: ['45日', '60日', '20日'], regulation: R3, difficulty: 3 },
  { tag: '投诉处理', stem: '投诉人对处理决定有异议的，可以自收到处理决定之日起___内向银行保险机构申请核查。', answer: '30日', wrong: ['7日', '15日', '60日'], regulation: R3, difficulty: 3 },
  { tag: '投诉处理', stem: '银行保险机构应当自收到核查申请之日起___内作出核查决定。', answer: '30日', wrong: ['15日', '7日', '10日'], regulation: R3, difficulty: 3 },
  { tag: '投诉处理', stem: '延长投诉处理期限的，银行保险机构应当___。', answer: '告知投诉人延长期限及理由', wrong: ['无需告知投诉人', '仅在系统内备注', '报送监管部门审批'], regulation: R3, difficulty: 2 },
  { tag: '投诉处理', stem: '银行保险机构处理投诉应当遵循依法合规、便捷高效、标本兼治和___的原则。', answer: '多元化解', wrong: ['先易后难', '内部消化', '从严从快'], regulation: R3, difficulty: 3 },
  { tag: '投诉处理', stem: '《银行业保险业消费投诉处理管理办法》自___起施行。', answer: '2020年3月1日', wrong: ['2019年1月1日', '2021年3月1日', '2023年3月1日'], regulation: R3, difficulty: 3 },
  { tag: '投诉处理', stem: '银行保险机构应当在___公布投诉处理流程和投诉渠道。', answer: '营业场所、官方网站首页等醒目位置', wrong: ['内部办公系统', '员工手册', '年度报告附件'], regulation: R3, difficulty: 2 },
  { tag: '投诉处理', stem: '银行业金融机构消费投诉的首要责任单位是___。', answer: '被投诉的银行保险机构', wrong: ['当地人民政府', '行业协会', '消费者协会'], regulation: R3, difficulty: 2 },
  { tag: '投诉处理', stem: '银行保险机构应当建立投诉处理工作责任制，由___对投诉管理工作承担最终责任。', answer: '董事会', wrong: ['客服中心', '合规部门', '网点负责人'], regulation: R3, difficulty: 4 },
  { tag: '个人信息保护', stem: '处理敏感个人信息应当取得个人的___。', answer: '单独同意', wrong: ['默示同意', '口头告知', '概括授权'], regulation: R4, difficulty: 2 },
  { tag: '个人信息保护', stem: '《中华人民共和国个人信息保护法》自___起施行。', answer: '2021年11月1日', wrong: ['2021年9月1日', '2022年1月1日', '2020年10月1日'], regulation: R4, difficulty: 3 },
  { tag: '个人信息保护', stem: '金融账户信息属于《个人信息保护法》规定的___。', answer: '敏感个人信息', wrong: ['公开信息', '一般个人信息', '匿名化信息'], regulation: R4, difficulty: 2 },
  { tag: '个人信息保护', stem: '不满___周岁未成年人的个人信息属于敏感个人信息。', answer: '十四', wrong: ['十六', '十八', '十二'], regulation: R4, difficulty: 3 },
  { tag: '个人信息保护', stem: '金融机构收集消费者个人金融信息应当遵循合法、正当、___原则。', answer: '必要', wrong: ['全面', '高效', '从宽'], regulation: R1, difficulty: 2 },
  { tag: '个人信息保护', stem: '个人在个人信息处理活动中享有查阅、复制、更正、___等权利。', answer: '删除', wrong: ['出售', '转让', '继承他人'], regulation: R4, difficulty: 2 },
  { tag: '个人信息保护', stem: '银行员工查询客户征信报告必须___。', answer: '取得客户书面授权并用于约定用途', wrong: ['经网点负责人口头同意', '出于好奇即可查询', '为营销目的随时查询'], regulation: R1, difficulty: 2 },
  { tag: '个人信息保护', stem: '向境外提供个人信息，除法定情形外，应当向个人告知并取得___。', answer: '单独同意', wrong: ['书面备案', '口头同意', '概括同意'], regulation: R4, difficulty: 4 },
  { tag: '反诈', stem: '《中华人民共和国反电信网络诈骗法》自___起施行。', answer: '2022年12月1日', wrong: ['2022年9月2日', '2023年1月1日', '2021年12月1日'], regulation: R5, difficulty: 3 },
  { tag: '反诈', stem: '任何单位和个人不得非法买卖、出租、出借___。', answer: '电话卡、银行账户、支付账户', wrong: ['图书借阅证', '公交卡', '会员积分'], regulation: R5, difficulty: 1 },
  { tag: '反诈', stem: '自称"公检法"要求把资金转入"安全账户"的，应当___。', answer: '立即识别为诈骗并拨打110或96110', wrong: ['按要求转账配合调查', '先转一半观察', '把验证码告诉对方'], regulation: R5, difficulty: 1 },
  { tag: '反诈', stem: '全国反诈专线电话是___。', answer: '96110', wrong: ['12345', '12363', '95555'], regulation: R5, difficulty: 1 },
  { tag: '反诈', stem: '银行发现客户账户有涉诈异常交易时，可以采取___等措施。', answer: '限制、暂停部分功能并核实身份', wrong: ['直接注销账户不告知', '公开客户信息', '无需处理'], regulation: R5, difficulty: 3 },
  { tag: '反诈', stem: '"刷单返利"类诈骗的典型特征是___。', answer: '先小额返利获取信任，再诱导大额投入', wrong: ['全额退还本金', '由银行担保收益', '需要到网点面签'], regulation: R5, difficulty: 2 },
  { tag: '反诈', stem: '国家反诈中心 APP 的主要功能之一是___。', answer: '来电预警与风险查询', wrong: ['办理贷款', '购买理财', '转账汇款'], regulation: R5, difficulty: 2 },
  { tag: '反诈', stem: '为防范电信诈骗，银行对___的交易应当加强风险提示。', answer: '老年客户大额转账', wrong: ['本人同名账户小额划转', '代发工资入账', '定期存款到期转存'], regulation: R5, difficulty: 2 },
  { tag: '理财适当性', stem: '商业银行销售理财产品应当对客户进行___，将合适的产品卖给合适的客户。', answer: '风险承受能力评估', wrong: ['资产规模排名', '年龄歧视性筛选', '职业背景调查'], regulation: R6, difficulty: 1 },
  { tag: '理财适当性', stem: '商业银行通过营业场所向非机构投资者销售理财产品，应当实施___。', answer: '专区"双录"（录音录像）', wrong: ['仅电话回访', '仅签字确认', '无需特别程序'], regulation: R6, difficulty: 2 },
  { tag: '理财适当性', stem: '理财产品风险评级应当至少包括___个级别。', answer: '五', wrong: ['三', '四', '七'], regulation: R6, difficulty: 3 },
  { tag: '理财适当性', stem: '商业银行不得宣传理财产品___。', answer: '预期收益率或保本保收益', wrong: ['产品风险等级', '产品期限', '销售机构名称'], regulation: R6, difficulty: 2 },
  { tag: '理财适当性', stem: '公募理财产品的投资冷静期不少于___小时。', answer: '24', wrong: ['12', '48', '72'], regulation: R6, difficulty: 3 },
  { tag: '理财适当性', stem: '客户风险承受能力评估结果有效期一般为___。', answer: '一年', wrong: ['三年', '五年', '永久'], regulation: R6, difficulty: 3 },
  { tag: '3·15', stem: '国际消费者权益日是每年的___。', answer: '3月15日', wrong: ['3月5日', '5月15日', '9月15日'], regulation: R7, difficulty: 1 },
  { tag: '3·15', stem: '银行业保险业消费者投诉可拨打的监管热线是___。', answer: '12378', wrong: ['12315', '12345', '96110'], regulation: R3, difficulty: 2 },
  { tag: '3·15', stem: '人民银行金融消费权益保护咨询投诉电话是___。', answer: '12363', wrong: ['12378', '12315', '96110'], regulation: R1, difficulty: 2 },
  { tag: '3·15', stem: '每年9月开展的金融知识普及活动通常称为___。', answer: '金融知识普及月', wrong: ['安全生产月', '诚信兴商宣传月', '质量月'], regulation: R2, difficulty: 2 },
  { tag: '3·15', stem: '《中华人民共和国消费者权益保护法》规定，经营者提供商品或服务有欺诈行为的，一般按消费者要求增加赔偿，增加赔偿的金额为价款或费用的___。', answer: '三倍', wrong: ['一倍', '两倍', '五倍'], regulation: R7, difficulty: 3 },
  { tag: '3·15', stem: '金融营销宣传不得使用___等表述。', answer: '"零风险""稳赚不赔"', wrong: ['"过往业绩不代表未来表现"', '"理财非存款"', '"投资需谨慎"'], regulation: R2, difficulty: 2 },
];

interface Multi {
  tag: string;
  stem: string;
  options: string[];
  correct: string[];
  regulation: string;
  difficulty: number;
}

const MULTI: Multi[] = [
  { tag: '八项权利', stem: '以下属于金融消费者八项基本权利的有（多选）：', options: ['知情权', '自主选择权', '无限索赔权', '信息安全权'], correct: ['A', 'B', 'D'], regulation: R2, difficulty: 2 },
  { tag: '八项权利', stem: '下列行为中侵犯金融消费者公平交易权的有（多选）：', options: ['贷款强制搭售保险', '设置不公平格式条款', '如实披露费用', '收取未明示的费用'], correct: ['A', 'B', 'D'], regulation: R2, difficulty: 3 },
  { tag: '八项权利', stem: '保障消费者知情权，银行应当披露的信息包括（多选）：', options: ['产品收费标准', '产品风险', '其他客户的交易记录', '主要条款'], correct: ['A', 'B', 'D'], regulation: R2, difficulty: 2 },
  { tag: '八项权利', stem: '适老化服务中体现受尊重权的做法有（多选）：', options: ['保留传统柜面服务', '提供爱心窗口', '强制使用手机银行', '提供大字版材料'], correct: ['A', 'B', 'D'], regulation: R2, difficulty: 2 },
  { tag: '投诉处理', stem: '投诉处理决定告知投诉人时，应当说明的内容包括（多选）：', options: ['处理决定', '依据和理由', '处理人的家庭住址', '申请核查等救济途径'], correct: ['A', 'B', 'D'], regulation: R3, difficulty: 3 },
  { tag: '投诉处理', stem: '银行保险机构投诉处理工作应当（多选）：', options: ['建立投诉登记制度', '对投诉进行溯源整改', '对投诉人打击报复', '定期分析投诉数据'], correct: ['A', 'B', 'D'], regulation: R3, difficulty: 2 },
  { tag: '投诉处理', stem: '可以作为消费投诉多元化解途径的有（多选）：', options: ['调解', '仲裁', '诉讼', '私下威胁'], correct: ['A', 'B', 'C'], regulation: R3, difficulty: 2 },
  { tag: '投诉处理', stem: '投诉登记时应当记录的信息包括（多选）：', options: ['投诉人基本情况', '被投诉机构', '投诉请求', '投诉人的宗教信仰'], correct: ['A', 'B', 'C'], regulation: R3, difficulty: 2 },
  { tag: '个人信息保护', stem: '以下属于个人金融信息的有（多选）：', options: ['账户信息', '鉴别信息', '金融交易信息', '天气预报'], correct: ['A', 'B', 'C'], regulation: R1, difficulty: 1 },
  { tag: '个人信息保护', stem: '银行员工保护客户信息的正确做法有（多选）：', options: ['离开工位锁屏', '不在社交软件传输客户信息', '将客户名单带回家整理', '按最小必要原则查询'], correct: ['A', 'B', 'D'], regulation: R1, difficulty: 1 },
  { tag: '个人信息保护', stem: '下列属于敏感个人信息的有（多选）：', options: ['生物识别信息', '金融账户', '行踪轨迹', '公开发表的文章'], correct: ['A', 'B', 'C'], regulation: R4, difficulty: 2 },
  { tag: '个人信息保护', stem: '个人信息处理者应当采取的安全措施有（多选）：', options: ['加密、去标识化', '制定内部管理制度', '定期开展合规审计', '无限期保存全部信息'], correct: ['A', 'B', 'C'], regulation: R4, difficulty: 3 },
  { tag: '反诈', stem: '常见电信网络诈骗类型有（多选）：', options: ['冒充客服退款', '虚假投资理财', '冒充公检法', '银行网点正常办理业务'], correct: ['A', 'B', 'C'], regulation: R5, difficulty: 1 },
  { tag: '反诈', stem: '防范电信诈骗，消费者应当做到（多选）：', options: ['不轻信陌生来电', '不透露验证码', '不出借银行卡', '向陌生人开放屏幕共享'], correct: ['A', 'B', 'C'], regulation: R5, difficulty: 1 },
  { tag: '反诈', stem: '银行在开户环节落实反诈要求的措施有（多选）：', options: ['核实开户意愿', '识别可疑开户', '对异常开户加强尽调', '为他人批量代开账户'], correct: ['A', 'B', 'C'], regulation: R5, difficulty: 3 },
  { tag: '反诈', stem: '发现被骗后应当（多选）：', options: ['立即报警', '保存聊天转账记录', '拨打96110咨询', '继续转账"解冻资金"'], correct: ['A', 'B', 'C'], regulation: R5, difficulty: 1 },
  { tag: '理财适当性', stem: '理财产品销售"双录"应当录制的内容包括（多选）：', options: ['风险提示', '客户确认', '产品关键信息', '客户的私人聊天'], correct: ['A', 'B', 'C'], regulation: R6, difficulty: 2 },
  { tag: '理财适当性', stem: '销售人员不得有的行为包括（多选）：', options: ['代客户签字', '承诺保本保收益', '向低风险客户推荐高风险产品', '如实介绍产品风险'], correct: ['A', 'B', 'C'], regulation: R6, difficulty: 2 },
  { tag: '理财适当性', stem: '风险承受能力评估应当考虑的因素有（多选）：', options: ['财务状况', '投资经验', '投资目的', '客户籍贯'], correct: ['A', 'B', 'C'], regulation: R6, difficulty: 2 },
  { tag: '理财适当性', stem: '理财产品说明书应当载明的内容有（多选）：', options: ['风险评级', '费用', '投资范围', '销售人员业绩排名'], correct: ['A', 'B', 'C'], regulation: R6, difficulty: 3 },
  { tag: '3·15', stem: '3·15 消费者权益保护宣传活动可以采取的形式有（多选）：', options: ['网点厅堂宣传', '进社区讲座', '线上知识竞赛', '夸大收益营销'], correct: ['A', 'B', 'C'], regulation: R2, difficulty: 1 },
  { tag: '3·15', stem: '金融营销宣传应当遵守的要求有（多选）：', options: ['真实准确', '不得误导', '明示风险', '使用"稳赚不赔"'], correct: ['A', 'B', 'C'], regulation: R2, difficulty: 2 },
  { tag: '3·15', stem: '消费者可以通过以下哪些渠道反映金融消费纠纷（多选）：', options: ['银行客服热线', '12378', '12363', '网络谣言'], correct: ['A', 'B', 'C'], regulation: R3, difficulty: 1 },
  { tag: '3·15', stem: '银行开展金融知识宣传应重点关注的群体有（多选）：', options: ['老年人', '青少年', '新市民', '无需区分'], correct: ['A', 'B', 'C'], regulation: R2, difficulty: 2 },
];

/** The 120 demo questions. */
export function demoQuestions(): QuestionDto[] {
  const out: QuestionDto[] = [];
  FACTS.forEach((f, i) => {
    // The correct answer's place rotates so "always B" is no strategy.
    const place = i % 4;
    const opts = [...f.wrong];
    opts.splice(place, 0, f.answer);
    const keys = ['A', 'B', 'C', 'D'];
    out.push({
      type: 'single',
      stem: f.stem,
      options: opts.map((text, k) => ({ key: keys[k], text })),
      correct: keys[place],
      explanation: `正确答案：${f.answer}。依据${f.regulation}。`,
      tags: [f.tag],
      difficulty: f.difficulty,
      regulation: f.regulation,
      status: 'active',
    });
    const truthful = i % 2 === 0;
    out.push({
      type: 'true_false',
      stem: f.stem.replace('___', truthful ? f.answer : f.wrong[0]),
      correct: truthful,
      explanation: `${truthful ? '正确' : `错误，应为"${f.answer}"`}。依据${f.regulation}。`,
      tags: [f.tag],
      difficulty: Math.max(1, f.difficulty - 1),
      regulation: f.regulation,
      status: 'active',
    });
  });
  for (const m of MULTI) {
    out.push({
      type: 'multiple',
      stem: m.stem,
      options: m.options.map((text, k) => ({ key: 'ABCD'[k], text })),
      correct: m.correct,
      explanation: `正确答案：${m.correct.join('')}。依据${m.regulation}。`,
      tags: [m.tag],
      difficulty: m.difficulty,
      regulation: m.regulation,
      status: 'active',
    });
  }
  return out;
}
