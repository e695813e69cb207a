/** The public pages' and PDF's words, in both languages. Figure names come from core/definitions.ts. */
export type Lang = 'zh-CN' | 'en';

const words = {
  title: ['Disclosure: operating data', '信息披露：运营信息'],
  periods: ['Published months', '已发布月份'],
  period: ['Month', '统计月份'],
  asOf: ['As of', '统计截至'],
  version: ['Version', '版本'],
  published: ['Published', '发布时间'],
  corrected: ['corrected', '已更正'],
  correction: ['Correction', '更正说明'],
  reason: ['Reason', '更正原因'],
  field: ['Field', '字段'],
  before: ['Before', '更正前'],
  after: ['After', '更正后'],
  figure: ['Figure', '指标'],
  value: ['Value', '数值'],
  definition: ['Definition', '定义'],
  participants: ['Borrowers and lenders', '借款人与出借人'],
  lending: ['Lending, overdue and compensation', '借贷、逾期与代偿'],
  complaints: ['Complaints', '投诉'],
  category: ['Category (JR/T 0250)', '类别（JR/T 0250）'],
  count: ['Count', '数量'],
  none: ['Nothing has been published yet.', '尚未发布任何披露。'],
  hash: ['SHA-256 of the canonical JSON', '规范 JSON 的 SHA-256'],
  verify: ['Verify against the audit ledger', '对照审计账本验证'],
  json: ['JSON', 'JSON'],
  pdf: ['PDF', 'PDF'],
  versions: ['All versions', '全部版本'],
  trend: ['Outstanding and overdue rate by month', '各月借贷余额与金额逾期率'],
  chartLending: ['Lending and overdue', '借贷与逾期'],
  chartComplaints: ['Complaints by category', '投诉类别分布'],
  standard: [
    'Figures follow NIFA T/NIFA 1—2017, Internet Finance — Information Disclosure — Peer-to-Peer Lending (operating information), computed from the platform’s own records.',
    '指标依照中国互联网金融协会 T/NIFA 1—2017《互联网金融 信息披露 个体网络借贷》运营信息项，由平台自身记录计算。',
  ],
  otherLang: ['中文', 'English'],
} as const satisfies Record<string, readonly [string, string]>;

export type Word = keyof typeof words;
export const t = (lang: Lang, w: Word): string => words[w][lang === 'en' ? 0 : 1];
export const langOf = (q: unknown): Lang => (q === 'en' ? 'en' : 'zh-CN');
