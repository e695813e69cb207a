/**
 * The supervisor's dashboard: per platform, the indicators from its latest filings and the hub's own
 * records (witness, alerts), with the early-warning flags they raise; and the same across platforms.
 */
import type { Clock } from '../../kernel/index.ts';
import { daysAfterPeriod, earlyWarnings, type Flag, type PlatformIndicators, type Thresholds } from '../core/flags.ts';
import type { HubStore, PlatformRecord } from '../hub-store.ts';
import { submittedLate } from '../core/due-day.ts';
import { incidentOpen, latestFilings } from './read.ts';

export interface PlatformDashboard {
  platform: Pick<PlatformRecord, 'id' | 'name' | 'licenceType' | 'status'>;
  indicators: PlatformIndicators;
  flags: Flag[];
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
const HOUR = 3_600_000;

export class Dashboard {
  constructor(private readonly d: { store: HubStore; clock: Clock; thresholds: Thresholds }) {}

  get thresholds(): Thresholds {
    return this.d.thresholds;
  }

  async indicators(p: PlatformRecord): Promise<PlatformIndicators> {
    const now = this.d.clock.now();
    const f = await latestFilings(this.d.store, p.id);
    const ind = f.indicators;
    const sum = (k: 'alertBacklog' | 'caseBacklog' | 'slaBreaches' | 'complaintsOpen') =>
      ind.length ? ind.reduce((s, i) => s + i[k], 0) : null;
    // A report is late when submitted after its due day ended in its tenant's time zone (CST when not sent).
    const late = f.reports.filter(submittedLate).length;
    // Each tenant's current quarter (the newest period it sent).
    const current = new Map<string, (typeof f.complaintStats)[number]>();
    for (const c of f.complaintStats) if (c.from >= (current.get(c.tenantId)?.from ?? '')) current.set(c.tenantId, c);
    const received = [...current.values()].reduce((s, c) => s + c.received, 0);
    const breached = [...current.values()].reduce((s, c) => s + c.breached, 0);
    const byCurrency = new Map<string, { balanceMinor: number; overdueMinor: number }>();
    for (const i of ind)
      for (const l of i.loans) {
        const x = byCurrency.get(l.currency) ?? { balanceMinor: 0, overdueMinor: 0 };
        x.balanceMinor += l.balanceMinor;
        x.overdueMinor += l.overdueMinor;
        byCurrency.set(l.currency, x);
      }
    const disclosures = await this.d.store.disclosures(p.id, 1000);
    const witnessed = await this.d.store.witnessState(p.id);
    const alerts = await this.d.store.alerts({ platformId: p.id, open: true, limit: 1000 });
    const lastSyncAt = (await this.d.store.lastFilingAt(p.id)) ?? null;
    const hours = (at: number | null) => (at === null ? null : Math.round(((now - at) / HOUR) * 10) / 10);
    return {
      alertBacklog: sum('alertBacklog'),
      caseBacklog: sum('caseBacklog'),
      slaBreaches: sum('slaBreaches'),
      reports: { submitted: f.reports.length, late, lateRate: ratio(late, f.reports.length) },
      complaints: { received, breached, breachRate: ratio(breached, received), open: sum('complaintsOpen') },
      overdue: [...byCurrency.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, x]) => ({ currency, ...x, rate: ratio(x.overdueMinor, x.balanceMinor) })),
      disclosures: {
        published: disclosures.length,
        late: disclosures.filter((x) => daysAfterPeriod(x.period, x.publishedAt) > this.d.thresholds.disclosureLateDays)
          .length,
        verified: disclosures.filter((x) => x.state === 'verified').length,
        pending: disclosures.filter((x) => x.state === 'pending').length,
        mismatched: disclosures.filter((x) => x.state === 'mismatch').length,
      },
      incidentsOpen: f.incidents.filter(incidentOpen).length,
      ledger: {
        lastCosignedAt: witnessed?.at ?? null,
        ageHours: hours(witnessed?.at ?? null),
        openAlerts: alerts.length,
      },
      lastSyncAt,
      syncAgeHours: hours(lastSyncAt),
    };
  }

  async platform(p: PlatformRecord): Promise<PlatformDashboard> {
    const indicators = await this.indicators(p);
    return {
      platform: { id: p.id, name: p.name, licenceType: p.licenceType, status: p.status },
      indicators,
      // An application or an exited platform sends nothing: no flags for them.
      flags: p.status === 'applying' || p.status === 'exited' ? [] : earlyWarnings(indicators, this.d.thresholds),
    };
  }

  async all(platforms: PlatformRecord[]): Promise<PlatformDashboard[]> {
    const out: PlatformDashboard[] = [];
    for (const p of platforms) out.push(await this.platform(p));
    return out;
  }
}
