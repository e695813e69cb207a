/**
 * Shipped incident policy (every figure configurable per tenant, PUT /v1/incidents/settings).
 *
 * Grades: the four levels 特别重大 / 重大 / 较大 / 一般 used by the PBOC and NFRA for operational and
 * information-system incidents and by the CAC's 《网络安全事件分级指南》 (annex to the 《国家网络安全事件报告
 * 管理办法》, 2025). The thresholds below are Zhili's defaults, scaled for an online financial platform, in
 * the dimensions those gradings use (outage of important systems, customers affected, personal records,
 * direct loss); they are not a regulator's figures. A compliance officer sets the tenant's own.
 *
 * Who must be told:
 * - `cac` — the provincial CAC office: 较大 (III) and above within 4 hours (《国家网络安全事件报告管理办法》,
 *   CAC 2025-09-11, in force 2025-11-01, art. 4; operators of critical information infrastructure: 1 hour to
 *   their protection department — set `hours: 1` if that applies).
 * - `pboc`, `nfra` — the supervisor's local office: 重大 (II) and above within 2 hours. Zhili's default for
 *   "major incidents are reported within hours"; confirm the figure in the rule that governs your licence.
 * - `pipl` — the departments performing personal-information protection duties and the individuals:
 *   any incident involving personal information (个人信息保护法 art. 57: remedy and notify at once, 立即).
 *   The law sets no hour count; 24 hours is Zhili's default clock so that "at once" is watched.
 */
import type { GradingPolicy, NotificationRule } from './core/grading.ts';

export const incidentTypes = [
  'system_outage',
  'cyber_attack',
  'data_breach',
  'payment_failure',
  'third_party',
  'fraud',
  'natural_disaster',
  'other',
] as const;

export const defaultGrading: GradingPolicy = {
  source:
    'Four grades after the PBOC/NFRA operational-incident and CAC 网络安全事件分级指南 (2025) levels; thresholds are Zhili defaults',
  thresholds: {
    I: { outageMinutes: 360, customersAffected: 1_000_000, personalRecords: 10_000_000, lossMinor: 10_000_000_000 },
    II: { outageMinutes: 120, customersAffected: 100_000, personalRecords: 1_000_000, lossMinor: 1_000_000_000 },
    III: { outageMinutes: 30, customersAffected: 10_000, personalRecords: 100_000, lossMinor: 100_000_000 },
  },
};

export const defaultNotificationRules: readonly NotificationRule[] = [
  {
    authority: 'cac',
    name: 'Provincial cyberspace administration (CAC)',
    nameZh: '属地省级网信部门',
    minGrade: 'III',
    hours: 4,
    source: '国家网络安全事件报告管理办法 (CAC 2025, in force 2025-11-01) art. 4: 较大及以上, at most 4 hours',
  },
  {
    authority: 'pboc',
    name: "People's Bank of China, local branch",
    nameZh: '中国人民银行分支机构',
    minGrade: 'II',
    hours: 2,
    source:
      'Zhili default for major operational incidents (重大及以上, 2 hours); confirm against the PBOC rule for your licence',
  },
  {
    authority: 'nfra',
    name: 'NFRA local office',
    nameZh: '国家金融监督管理总局派出机构',
    minGrade: 'II',
    hours: 2,
    source:
      'Zhili default for major operational incidents (重大及以上, 2 hours); confirm against the NFRA rule for your licence',
  },
  {
    authority: 'pipl',
    name: 'Personal-information protection authority and the individuals',
    nameZh: '履行个人信息保护职责的部门及个人',
    personalInfo: true,
    hours: 24,
    source: '个人信息保护法 art. 57 (notify at once, 立即); 24 hours is the Zhili default clock',
  },
];

/** Warn this many minutes before a notice falls due (a default, not law). */
export const defaultWarnMinutes = 60;
