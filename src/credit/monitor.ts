import { canonicalJson, dateOfDayNumber, dayNumber, localDate, sha256Hex, ZhiliError } from '../kernel/index.ts';
import type { AuditSink, Clock } from '../kernel/index.ts';
import type { Store, StoredDecision } from '../store/index.ts';
import {
  defaultStabilityLevels,
  isoWeekOf,
  weeklyStability,
  type ScoredApplication,
  type StabilityLevels,
  type WeekStability,
} from './core/monitoring.ts';
import type { Scorecard } from './core/scorecard.ts';
import type { CreditActor } from './lifecycle.ts';
import type { StabilityAlert } from './monitor-store.ts';
import type { CreditStore } from './store.ts';

export type DecisionSource = Pick<Store, 'scanTenantDecisions' | 'getTenant'>;

export interface MonitoringReport {
  tenantId: string;
  timeZone: string;
  /** Whole ISO weeks: the Monday of `from`'s week to the Sunday of `to`'s. */
  from: string;
  to: string;
  generatedAt: number;
  scorecard: { version: string; name: string } | null;
  levels: StabilityLevels;
  /** The development sample's score bands (the baseline of every week). */
  development: { bands: { label: string; share: number }[]; testPsi: number };
  weeks: WeekStability[];
  /** Alerts recorded for this scorecard (every week, not only those in the range), newest first. */
  alerts: StabilityAlert[];
  /** Weeks whose alert this report raised (recorded and put on the audit ledger now). */
  raised: string[];
}

const DAY = 86_400_000;
/** Local dates lie within 14 hours of UTC (UTC−12 … UTC+14): scan that much beyond the range. */
const MARGIN = 14 * 3_600_000;
const MAX_WEEKS = 53;
const PAGE = 5000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The score and characteristic values of a stored decision on a loan application scored with `version`. */
function applicationOf(d: StoredDecision, card: Scorecard, timeZone: string): ScoredApplication | undefined {
  if (d.type !== 'loan_application' || !isRecord(d.decision)) return undefined;
  const credit = d.decision.credit;
  if (!isRecord(credit) || credit.scorecard !== card.version || typeof credit.score !== 'number') return undefined;
  // As on the decision path: the event's attribute of the characteristic's name, else the feature value.
  const attrs = isRecord(d.event) && isRecord(d.event.attributes) ? d.event.attributes : {};
  const feats = isRecord(d.decision.features) ? d.decision.features : {};
  const values: Record<string, string | undefined> = {};
  for (const c of card.characteristics) {
    const v = attrs[c.name] ?? feats[c.name];
    values[c.name] =
      typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }
  return { date: localDate(d.occurredAt, timeZone), score: credit.score, values };
}

/**
 * Score-stability monitoring of each tenant's active scorecard: weekly PSI and CSI from the stored
 * decisions on loan applications it scored, against its development sample; a week above the tenant's
 * alert threshold (with enough applications) raises one alert per scorecard and week, recorded and put
 * on the audit ledger. Computed when asked (the report, the CLI, the module's periodic check).
 */
export class CreditMonitor {
  private decisions: DecisionSource | undefined;

  constructor(private readonly deps: { store: CreditStore; clock: Clock; audit?: AuditSink | undefined }) {}

  /** The decisions store (known once the runtime has opened it). */
  attach(decisions: DecisionSource): void {
    this.decisions = decisions;
  }

  async levels(tenantId: string): Promise<StabilityLevels & { updatedAt?: number; updatedBy?: string }> {
    return (await this.deps.store.getMonitoringSettings(tenantId)) ?? { ...defaultStabilityLevels };
  }

  /** Sets the tenant's thresholds (0 < watch < alert, at least one application a week); audited. */
  async setLevels(a: CreditActor, l: StabilityLevels): Promise<StabilityLevels> {
    if (!(l.watch > 0 && l.alert > l.watch))
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/alert',
        message: 'The alert threshold must be above the watch threshold, and both above 0.',
        messageZh: '预警阈值必须高于关注阈值，且两者都大于 0。',
      });
    const at = this.deps.clock.now();
    const s = { watch: l.watch, alert: l.alert, minRows: l.minRows, updatedAt: at, updatedBy: a.actorId };
    await this.deps.store.putMonitoringSettings(a.tenantId, s);
    await this.deps.audit?.({
      tenantId: a.tenantId,
      action: 'credit.monitoring.settings',
      actorId: a.actorId,
      dataHash: sha256Hex(canonicalJson({ watch: l.watch, alert: l.alert, minRows: l.minRows })),
      at,
    });
    return { watch: s.watch, alert: s.alert, minRows: s.minRows };
  }

  /** The report over whole ISO weeks from `from` to `to` (local dates; default: the last 8 weeks to today). */
  async report(tenantId: string, range: { from?: string; to?: string } = {}): Promise<MonitoringReport> {
    const decisions = this.decisions;
    if (!decisions) throw new ZhiliError('ZHILI_E_NOT_READY');
    const tenant = await decisions.getTenant(tenantId);
    if (!tenant) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/tenantId' });
    const now = this.deps.clock.now();
    const timeZone = tenant.timeZone;
    const to = isoWeekOf(range.to ?? localDate(now, timeZone)).to;
    const from = isoWeekOf(range.from ?? dateOfDayNumber(dayNumber(to) - 8 * 7 + 1)).from;
    const weeks = (dayNumber(to) - dayNumber(from) + 1) / 7;
    if (weeks < 1 || weeks > MAX_WEEKS)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/from',
        message: `from must be on or before to, at most ${MAX_WEEKS} weeks apart.`,
        messageZh: `from 必须不晚于 to，且相隔不超过 ${MAX_WEEKS} 周。`,
      });
    const levels = await this.levels(tenantId);
    const plain = { watch: levels.watch, alert: levels.alert, minRows: levels.minRows };
    const active = (await this.deps.store.list(tenantId)).find((s) => s.status === 'active');
    const stored = active && (await this.deps.store.get(tenantId, active.version));
    const base = { tenantId, timeZone, from, to, generatedAt: now, levels: plain };
    if (!stored)
      return { ...base, scorecard: null, development: { bands: [], testPsi: 0 }, weeks: [], alerts: [], raised: [] };
    const card = stored.card;

    const apps: ScoredApplication[] = [];
    const window = {
      fromTime: Date.parse(`${from}T00:00:00Z`) - MARGIN,
      toTime: Date.parse(`${to}T00:00:00Z`) + DAY + MARGIN,
    };
    for (let after = 0; ;) {
      const page = await decisions.scanTenantDecisions(tenantId, window, after, PAGE);
      for (const d of page) {
        after = d.seq;
        const a = applicationOf(d, card, timeZone);
        if (a && a.date >= from && a.date <= to) apps.push(a);
      }
      if (page.length < PAGE) break;
    }
    const stability = weeklyStability(card, apps, plain);
    const raised: string[] = [];
    for (const w of stability)
      if (w.level === 'alert' && (await this.raise(tenantId, card, w, plain, now))) raised.push(w.week);

    const { cuts, shares } = card.metadata.scoreBands;
    return {
      ...base,
      scorecard: { version: card.version, name: card.name },
      development: {
        bands: shares.map((share, k) => ({
          label: `[${k === 0 ? '-inf' : cuts[k - 1]!}, ${k === cuts.length ? 'inf' : cuts[k]!})`,
          share,
        })),
        testPsi: card.metadata.testPsi,
      },
      weeks: stability,
      alerts: await this.deps.store.listStabilityAlerts(tenantId, card.version),
      raised,
    };
  }

  private async raise(
    tenantId: string,
    card: Scorecard,
    w: WeekStability,
    l: StabilityLevels,
    at: number,
  ): Promise<boolean> {
    const alert: StabilityAlert = {
      tenantId,
      scorecard: card.version,
      week: w.week,
      psi: w.psi,
      rows: w.rows,
      threshold: l.alert,
      raisedAt: at,
    };
    if (!(await this.deps.store.raiseStabilityAlert(alert))) return false;
    await this.deps.audit?.({
      tenantId,
      action: 'credit.monitoring.alert',
      actorId: 'system:credit-monitor',
      subjectId: `${w.week}:${card.version}`,
      dataHash: sha256Hex(canonicalJson(alert)),
      at,
    });
    return true;
  }
}
