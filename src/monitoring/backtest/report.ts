import type { NormalizedEvent } from '../core/normalize.ts';
import type { CompiledRuleSet, Outcome } from '../core/rules/compiled.ts';
import type { Labels, Rejected } from '../importers/index.ts';
import { prf, prfOfSets, rocAuc, rocCurve, type Prf, type Scored } from './metrics.ts';
import type { ReplayResult } from './runner.ts';
import { accountOf, type Subject } from './subjects.ts';

export interface RuleRow {
  id: string;
  name: string;
  nameZh: string;
  typology?: string;
  subject: Subject;
  hits: number;
  accounts: number;
  tx?: Prf;
  account?: Prf;
}

export interface TypologyRow {
  id: string;
  name: string;
  nameZh: string;
  alerts: number;
  accounts: number;
  tx?: Prf;
  account?: Prf;
}

export interface BacktestReport {
  ruleSet: { version: string; name: string; nameZh: string; rules: number; features: number };
  data: {
    format: string;
    files: string[];
    events: number;
    rejected: number;
    /** Rows read: events plus rejected rows. */
    rows: number;
    /** Rejected rows / rows read; above `maxRejectedShare` the CLI exits non-zero. */
    rejectedShare: number;
    /** Rejected rows per reason (see importers' Rejected.reason). */
    rejectedByReason: Record<string, number>;
    /** The first few rejected rows with their error. */
    rejectedSample: Rejected[];
    accounts: number;
    suspiciousAccounts?: number;
    suspiciousEvents?: number;
    /** Where transaction labels came from: the data itself, or "both parties suspicious". */
    transactionLabels?: 'data' | 'both-parties';
  };
  speed: { events: number; loadSeconds: number; replaySeconds: number; eventsPerSecond: number };
  outcomes: Record<Outcome, number>;
  failures: number;
  rules: RuleRow[];
  typologies: TypologyRow[];
  overall: {
    alertedEvents: number;
    /**
     * Events not labelled suspicious (all events when there are no labels) and how many of them the
     * rules sent to review or block: the queue an AML team works for nothing.
     */
    ordinary: { events: number; reviewed: number; blocked: number; share: number };
    alertedAccounts: number;
    /** Alerted accounts / all accounts. */
    accountAlertRate: number;
    tx?: Prf;
    account?: Prf;
    /** Account-level ROC AUC of the account ranking: rule weights plus alerted counterparties (network.ts). */
    auc?: number;
    /** The same for ranking accounts by their number of distinct counterparties. */
    baselineAuc?: number;
  };
  roc?: { score: { fpr: number; tpr: number }[]; baseline: { fpr: number; tpr: number }[] };
  /** Events decided review or block per local day of the rule set's time zone, in day order (the console's chart). */
  alertsPerDay: { day: string; review: number; block: number }[];
  /** Recall of the alerted accounts per laundering pattern the labels name. */
  byPattern?: { typology: string; accounts: number; alerted: number; recall: number }[];
}

export interface ReportInput {
  rs: CompiledRuleSet;
  events: readonly NormalizedEvent[];
  run: ReplayResult;
  labels?: Labels | undefined;
  data: {
    format: string;
    files: readonly string[];
    rejected: number;
    loadSeconds: number;
    rejectedByReason?: Record<string, number>;
    rejectedRows?: readonly Rejected[];
  };
}

/** More rejected rows than this share of the rows read makes `zhili backtest` exit non-zero. */
export const maxRejectedShare = 0.01;
export const rejectedSampleSize = 5;

const positions = (xs: readonly number[], pos: Uint8Array): Prf => {
  let tp = 0;
  for (const i of xs) tp += pos[i] ?? 0;
  const all = pos.reduce((s, x) => s + x, 0);
  return prf(tp, xs.length - tp, all - tp);
};

/** Turns a replay into the report: volumes always; precision/recall/F1/AUC when labels are given. */
export function buildReport({ rs, events, run, labels, data }: ReportInput): BacktestReport {
  const universe = new Set<string>([...run.counterparties.keys(), ...run.accounts.keys()]);
  for (const e of events) {
    const d = accountOf(e.debtor);
    const c = accountOf(e.creditor);
    if (d !== undefined) universe.add(d);
    if (c !== undefined) universe.add(c);
  }
  if (labels) for (const a of labels.accounts.keys()) universe.add(a);
  const suspicious = (a: string | undefined): boolean =>
    a !== undefined && labels?.accounts.get(a)?.suspicious === true;
  const positives = [...universe].filter(suspicious).length;
  let txPos: Uint8Array | undefined;
  if (labels) {
    txPos = new Uint8Array(events.length);
    events.forEach((e, i) => {
      const p = labels.transactions
        ? labels.transactions.has(e.id)
        : suspicious(accountOf(e.debtor)) && suspicious(accountOf(e.creditor));
      if (p) (txPos as Uint8Array)[i] = 1;
    });
  }
  const alertedIdx: number[] = [];
  run.alerted.forEach((x, i) => x && alertedIdx.push(i));
  const ordinary = { events: 0, reviewed: 0, blocked: 0, share: 0 };
  for (let i = 0; i < events.length; i++) {
    if (txPos?.[i]) continue;
    ordinary.events++;
    const a = run.alerted[i] ?? 0;
    if (a === 1) ordinary.reviewed++;
    else if (a === 2) ordinary.blocked++;
  }
  ordinary.share = ordinary.events === 0 ? 0 : (ordinary.reviewed + ordinary.blocked) / ordinary.events;
  const rows = events.length + data.rejected;
  const perDay = new Map<string, { day: string; review: number; block: number }>();
  for (const i of alertedIdx) {
    const day = events[i]?.localDate ?? '';
    const d = perDay.get(day) ?? { day, review: 0, block: 0 };
    if (run.alerted[i] === 2) d.block++;
    else d.review++;
    perDay.set(day, d);
  }
  const alertedAccounts = [...run.accounts].filter(([, t]) => t.alerted).map(([a]) => a);

  const rules: RuleRow[] = rs.rules.map((r, i) => ({
    id: r.id,
    name: r.name,
    nameZh: r.nameZh,
    ...(r.typology ? { typology: r.typology } : {}),
    subject: run.subjects[i] ?? 'both',
    hits: run.fired[i]?.length ?? 0,
    accounts: run.ruleAccounts[i]?.size ?? 0,
    ...(txPos ? { tx: positions(run.fired[i] ?? [], txPos) } : {}),
    ...(labels ? { account: prfOfSets(run.ruleAccounts[i] ?? [], suspicious, positives) } : {}),
  }));
  const typologies: TypologyRow[] = [...rs.typologies.values()].map((t) => ({
    id: t.id,
    name: t.name,
    nameZh: t.nameZh,
    alerts: run.typologyAlerts.get(t.id)?.length ?? 0,
    accounts: run.typologyAccounts.get(t.id)?.size ?? 0,
    ...(txPos ? { tx: positions(run.typologyAlerts.get(t.id) ?? [], txPos) } : {}),
    ...(labels ? { account: prfOfSets(run.typologyAccounts.get(t.id) ?? [], suspicious, positives) } : {}),
  }));

  const report: BacktestReport = {
    ruleSet: {
      version: rs.version,
      name: rs.spec.name,
      nameZh: rs.spec.nameZh,
      rules: rs.rules.length,
      features: rs.features.length,
    },
    data: {
      format: data.format,
      files: [...data.files],
      events: events.length,
      rejected: data.rejected,
      rows,
      rejectedShare: rows === 0 ? 0 : data.rejected / rows,
      rejectedByReason: { ...(data.rejectedByReason ?? {}) },
      rejectedSample: (data.rejectedRows ?? []).slice(0, rejectedSampleSize),
      accounts: universe.size,
    },
    speed: {
      events: run.events,
      loadSeconds: data.loadSeconds,
      replaySeconds: run.seconds,
      eventsPerSecond: run.eventsPerSecond,
    },
    outcomes: run.outcomes,
    failures: run.failures,
    rules,
    typologies,
    alertsPerDay: [...perDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
    overall: {
      alertedEvents: alertedIdx.length,
      ordinary,
      alertedAccounts: alertedAccounts.length,
      accountAlertRate: universe.size === 0 ? 0 : alertedAccounts.length / universe.size,
    },
  };
  if (!labels || !txPos) return report;

  const scored: Scored[] = [];
  const baseline: Scored[] = [];
  const patterns = new Map<string, { accounts: number; alerted: number }>();
  for (const a of universe) {
    const positive = suspicious(a);
    const t = run.accounts.get(a);
    scored.push({ score: run.ranking.get(a) ?? 0, positive });
    baseline.push({ score: run.counterparties.get(a) ?? 0, positive });
    const ty = labels.accounts.get(a)?.typology;
    if (positive && ty !== undefined) {
      const p = patterns.get(ty) ?? { accounts: 0, alerted: 0 };
      p.accounts++;
      if (t?.alerted) p.alerted++;
      patterns.set(ty, p);
    }
  }
  report.data.suspiciousAccounts = positives;
  report.data.suspiciousEvents = txPos.reduce((s, x) => s + x, 0);
  report.data.transactionLabels = labels.transactions ? 'data' : 'both-parties';
  report.overall.tx = positions(alertedIdx, txPos);
  report.overall.account = prfOfSets(alertedAccounts, suspicious, positives);
  report.overall.auc = rocAuc(scored);
  report.overall.baselineAuc = rocAuc(baseline);
  report.roc = { score: rocCurve(scored), baseline: rocCurve(baseline) };
  report.byPattern = [...patterns].map(([typology, p]) => ({ typology, ...p, recall: p.alerted / p.accounts }));
  return report;
}
