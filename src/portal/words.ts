/** Every word the consumer pages show, in both languages (en, zh-CN). */
export type Lang = 'zh-CN' | 'en';
export const langOf = (q: unknown): Lang => (q === 'en' ? 'en' : 'zh-CN');

const words = {
  home: ['Customer service', '客户服务'],
  otherLang: ['中文', 'English'],
  fileComplaint: ['File a complaint', '提交投诉'],
  fileIntro: [
    'Tell us what went wrong. You will get a reference number and a follow-up code: keep both, they are the only way to see your complaint here.',
    '请告诉我们发生了什么。提交后您将获得投诉编号和查询码，请妥善保存，凭二者方可在此查询投诉进度。',
  ],
  follow: ['Follow a complaint', '查询投诉进度'],
  risk: ['Risk warnings and the risk questionnaire', '风险提示与风险测评问卷'],
  disclosures: ['Disclosures', '信息披露'],
  name: ['Your name (optional)', '姓名（选填）'],
  phone: ['Phone (optional)', '联系电话（选填）'],
  customerNo: ['Customer number (optional)', '客户编号（选填）'],
  category: ['Business', '业务类别'],
  cause: ['Cause', '投诉原因'],
  description: ['What happened', '投诉内容'],
  submit: ['Submit', '提交'],
  reference: ['Reference number', '投诉编号'],
  code: ['Follow-up code', '查询码'],
  show: ['Show', '查询'],
  filed: [
    'Your complaint has been received. Keep the reference number and the follow-up code below (or bookmark this page): they are the only way to see your complaint here.',
    '您的投诉已受理。请保存以下投诉编号和查询码（或收藏本页），凭二者方可在此查询投诉进度。',
  ],
  state: ['State', '处理状态'],
  received: ['Received on', '受理日期'],
  decisionBy: ['Decision due by', '处理期限'],
  daysLeft: ['Days left', '剩余天数'],
  notFound: ['Nothing found for this reference number and code.', '未找到与该投诉编号和查询码对应的投诉。'],
  invalid: ['Please check what you entered and try again.', '请检查填写内容后重试。'],
  tooMany: ['Too many requests from your address. Please try again later.', '您的请求过于频繁，请稍后再试。'],
  failed: ['Something went wrong. Please try again later.', '系统繁忙，请稍后再试。'],
  back: ['Back', '返回'],
  riskNotice: [
    'Investing involves risk: you may lose part or all of the money invested. Before buying an investment product the platform assesses your risk tolerance with the questionnaire below and places you in a category C1–C5; a product rated above your category is not sold to you without a separate risk warning that you confirm.',
    '投资有风险：您可能损失部分或全部本金。购买投资产品前，平台将通过以下问卷评估您的风险承受能力，并将您归入 C1–C5 类别；风险等级高于您类别的产品，须经您确认单独的风险警示后方可购买。',
  ],
  bands: ['Risk tolerance categories', '风险承受能力类别'],
  minScore: ['From score', '最低得分'],
  questionnaire: ['The questionnaire', '风险测评问卷'],
  takeIt: [
    'To take it, sign in with the one-time code the platform gives you (in its app or by text message); this page shows it for reference.',
    '如需作答，请使用平台（通过 App 或短信）提供的一次性登录码登录；本页仅供查阅。',
  ],
  source: ['Source', '依据'],
  toAccount: ['My risk profile and lessons', '我的风险测评与学习'],
  signIn: ['Sign in', '登录'],
  signInIntro: [
    'Enter the one-time sign-in code the platform gave you in its app or by text message. A code works once, for 15 minutes.',
    '请输入平台通过 App 或短信提供的一次性登录码。登录码仅可使用一次，15 分钟内有效。',
  ],
  signInCode: ['Sign-in code', '登录码'],
  badCode: [
    'This code does not work: it may be mistyped, already used or expired. Please ask the platform for a new one.',
    '该登录码无效：可能输入有误、已使用或已过期。请向平台重新获取。',
  ],
  signOut: ['Sign out', '退出登录'],
  signedOut: ['You have signed out.', '您已退出登录。'],
  myAccount: ['My risk profile', '我的风险测评'],
  customerNumber: ['Customer number', '客户编号'],
  yourCategory: ['Your risk tolerance category', '您的风险承受能力类别'],
  notAssessed: ['You have not taken the risk questionnaire yet.', '您尚未完成风险测评。'],
  assessedOn: ['Assessed on', '测评日期'],
  validUntil: ['Valid until', '有效期至'],
  expiredNote: [
    'Your assessment has expired: take the questionnaire again before buying investment products.',
    '您的测评已过期，购买投资产品前请重新测评。',
  ],
  professional: ['Professional investor', '专业投资者'],
  professionalNo: ['No', '否'],
  professionalUntil: ['Yes, until', '是，有效期至'],
  takeQuestionnaire: ['Take the risk questionnaire', '进行风险测评'],
  retakeQuestionnaire: ['Take the questionnaire again', '重新测评'],
  questionnaireIntro: [
    'Answer every question as it is for you today: your answers decide which products the platform may offer you.',
    '请根据您目前的实际情况回答每一个问题：您的答案将决定平台可向您提供哪些产品。',
  ],
  chooseSeveral: ['(choose all that apply)', '（可多选）'],
  submitAnswers: ['Submit my answers', '提交答卷'],
  assessedNow: [
    'Thank you: your answers are recorded. Your category is shown below.',
    '感谢作答，您的答卷已记录，测评结果如下。',
  ],
  score: ['Score', '得分'],
  recommendations: ['Products suited to you', '适合您的产品'],
  recIntro: [
    'Ranked by how well they fit your answers, never above your category. Why each one is listed is shown with it.',
    '按与您答卷的匹配程度排序，不会超出您的风险承受能力类别；每个产品均附推荐理由。',
  ],
  fit: ['Fit', '匹配度'],
  productRisk: ['Risk level', '风险等级'],
  noRecs: ['No product can be recommended to you yet.', '暂无可向您推荐的产品。'],
  lessons: ['Financial education', '金融知识学习'],
  lessonsIntro: [
    'Lessons for the topics your answers showed you may want to learn more about.',
    '根据您的答卷所反映的知识薄弱点为您推荐的课程。',
  ],
  noLessons: [
    'No lessons for you at the moment: take the questionnaire first, or your answers showed no gaps.',
    '暂无推荐课程：请先完成风险测评，或您的答卷未显示知识薄弱点。',
  ],
  markDone: ['Mark as done', '标记为已学完'],
  lessonDone: ['Done', '已学完'],
  minutes: ['min', '分钟'],
} satisfies Record<string, [string, string]>;

export type Word = keyof typeof words;
export const t = (lang: Lang, w: Word): string => words[w][lang === 'en' ? 0 : 1];

const states: Record<string, [string, string]> = {
  received: ['Received', '已受理'],
  acknowledged: ['Acknowledged', '已确认'],
  investigating: ['Under investigation', '调查中'],
  decision_proposed: ['Decision being reviewed', '处理意见审核中'],
  decision_approved: ['Decided', '已作出处理决定'],
  communicated: ['Decision sent to you', '已告知处理结果'],
  closed: ['Closed', '已办结'],
  escalated: ['Escalated', '已转调解/监管'],
};
export const stateLabel = (lang: Lang, s: string): string => states[s]?.[lang === 'en' ? 0 : 1] ?? s;

export const esc = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
