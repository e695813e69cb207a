// The hub pages' pure logic, apart from React: which server answered, which status changes a supervisor
// may propose or decide (the hub's four eyes, as src/supervision/core/status.ts decides them), which
// indicator a flag belongs to, and the dashboard's order of concern.
import type { Flag, HubInfo, PlatformRow, PlatformStatus, StatusChange } from '../api/hub-client.ts';

export const statuses: readonly PlatformStatus[] = [
  'applying',
  'licensed',
  'restricted',
  'suspended',
  'winding_down',
  'exited',
];
const isStatus = (v: unknown): v is PlatformStatus => statuses.some((s) => s === v);

/** GET /v1/hub/info's answer when it is a hub's (checked field by field: the answer is not trusted). */
export function parseHubInfo(v: unknown): HubInfo | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (o.server !== 'hub') return undefined;
  if (typeof o.name !== 'string' || typeof o.nameZh !== 'string' || typeof o.version !== 'string') return undefined;
  if (typeof o.transitions !== 'object' || o.transitions === null) return undefined;
  const transitions: Record<string, PlatformStatus[]> = {};
  for (const [from, to] of Object.entries(o.transitions)) {
    if (!isStatus(from) || !Array.isArray(to) || !to.every(isStatus)) return undefined;
    transitions[from] = to;
  }
  return { server: 'hub', name: o.name, nameZh: o.nameZh, version: o.version, transitions };
}

/** The statuses a change from `current` may propose (none once exited). */
export const statusTargets = (transitions: HubInfo['transitions'], current: PlatformStatus): PlatformStatus[] =>
  transitions[current] ?? [];

/**
 * Whether supervisor `me` may approve or reject `change` while the platform is in `current`:
 * `own` — they proposed it (a second supervisor must decide); `moved` — the platform is no longer where
 * the proposal found it; `decided` — already approved or rejected.
 */
export type DecisionState = 'open' | 'own' | 'moved' | 'decided';
export function decisionState(change: StatusChange, me: string, current: PlatformStatus): DecisionState {
  if (change.decision !== 'pending') return 'decided';
  if (change.proposedBy === me) return 'own';
  if (change.from !== current) return 'moved';
  return 'open';
}

/** A proposal still waiting for its second supervisor, if any (the newest). */
export const pendingChange = (changes: readonly StatusChange[]): StatusChange | undefined =>
  [...changes].sort((a, b) => b.proposedAt - a.proposedAt).find((c) => c.decision === 'pending');

/** Supervisor ids a status history names (proposers and deciders), once each. */
export function supervisorIds(changes: readonly StatusChange[]): string[] {
  const ids = new Set<string>();
  for (const c of changes) {
    ids.add(c.proposedBy);
    if (c.decidedBy) ids.add(c.decidedBy);
  }
  return [...ids].sort();
}

/** The dashboard's indicator columns and the flag codes each one can raise. */
export const indicatorFlags = {
  alertBacklog: ['alert_backlog'],
  caseBacklog: ['case_backlog'],
  slaBreaches: ['sla_breaches'],
  reports: ['report_late_rate'],
  complaints: ['complaint_breach_rate'],
  overdue: ['overdue_rate'],
  disclosures: ['late_disclosures', 'disclosure_mismatch'],
  ledger: ['ledger_age', 'ledger_alerts'],
  sync: ['sync_age'],
  incidents: ['open_incidents'],
} as const satisfies Record<string, readonly Flag['code'][]>;
export type IndicatorKey = keyof typeof indicatorFlags;

/** The flags of `row` raised on one indicator, critical first. */
export function flagsOn(flags: readonly Flag[], key: IndicatorKey): Flag[] {
  const codes: readonly string[] = indicatorFlags[key];
  return flags
    .filter((f) => codes.includes(f.code))
    .sort((a, b) => Number(b.severity === 'critical') - Number(a.severity === 'critical'));
}

/** Platforms in order of concern: most critical flags, then most flags, then name. */
export function byConcern(rows: readonly PlatformRow[]): PlatformRow[] {
  const critical = (r: PlatformRow) => r.flags.filter((f) => f.severity === 'critical').length;
  return [...rows].sort(
    (a, b) =>
      critical(b) - critical(a) || b.flags.length - a.flags.length || a.platform.name.localeCompare(b.platform.name),
  );
}

/** Counts for the dashboard's summary: platforms, by status, flagged, critical flags. */
export function summary(rows: readonly PlatformRow[]) {
  const byStatus: Record<PlatformStatus, number> = {
    applying: 0,
    licensed: 0,
    restricted: 0,
    suspended: 0,
    winding_down: 0,
    exited: 0,
  };
  for (const r of rows) byStatus[r.platform.status] += 1;
  return {
    platforms: rows.length,
    byStatus,
    flagged: rows.filter((r) => r.flags.length > 0).length,
    critical: rows.reduce((n, r) => n + r.flags.filter((f) => f.severity === 'critical').length, 0),
  };
}

/** A rate (a fraction) as a percentage with two decimals; '—' when there is nothing to divide. */
export const percent = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(2)}%`;

/** A flag's value or threshold as the setting reads it: rates as percentages, counts and hours as they are. */
export const flagFigure = (f: Pick<Flag, 'code'>, x: number): string =>
  f.code.endsWith('_rate') ? percent(x) : String(x);

/** Minor units as a decimal string of the currency's digits (integer arithmetic, never a float). */
export function minorToDecimal(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const s = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${s}` : `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
