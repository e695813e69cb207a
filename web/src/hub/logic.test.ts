// The hub pages' pure logic: the hub's answer checked before it is trusted, the four-eyes decision
// states, flags by indicator, the dashboard's order, figures; and the session read back from storage.
import { describe, expect, it } from 'vitest';
import type { Flag, PlatformRow, StatusChange } from '../api/hub-client.ts';
import en from './en.json';
import zh from './zh-CN.json';
import {
  byConcern,
  decisionState,
  flagFigure,
  flagsOn,
  minorToDecimal,
  parseHubInfo,
  pendingChange,
  percent,
  statusTargets,
  summary,
  supervisorIds,
} from './logic.ts';
import { parseHubSession } from './session.ts';

const transitions = {
  applying: ['licensed', 'exited'],
  licensed: ['restricted', 'suspended', 'winding_down'],
  restricted: ['licensed', 'suspended', 'winding_down'],
  suspended: ['licensed', 'restricted', 'winding_down'],
  winding_down: ['exited'],
  exited: [],
};
const info = { server: 'hub', name: 'Hub', nameZh: '枢纽', version: '1', transitions };

const change = (over: Partial<StatusChange> = {}): StatusChange => ({
  id: 'psc_1',
  platformId: 'plt_1',
  from: 'licensed',
  to: 'restricted',
  reason: 'r',
  proposedBy: 'sup_a',
  proposedAt: 1,
  decision: 'pending',
  decidedBy: null,
  decidedAt: null,
  ...over,
});

const flag = (code: Flag['code'], severity: Flag['severity'] = 'warning'): Flag => ({
  code,
  severity,
  value: 2,
  threshold: 1,
  setting: null,
  message: code,
  messageZh: code,
});

const row = (name: string, flags: Flag[], status: PlatformRow['platform']['status'] = 'licensed'): PlatformRow => ({
  platform: { id: name, name, licenceType: 'payment', status },
  flags,
  indicators: {
    alertBacklog: null,
    caseBacklog: null,
    slaBreaches: null,
    reports: { submitted: 0, late: 0, lateRate: null },
    complaints: { received: 0, breached: 0, breachRate: null, open: null },
    overdue: [],
    disclosures: { published: 0, late: 0, verified: 0, pending: 0, mismatched: 0 },
    incidentsOpen: 0,
    ledger: { lastCosignedAt: null, ageHours: null, openAlerts: 0 },
    lastSyncAt: null,
    syncAgeHours: null,
  },
});

describe('which server answered', () => {
  it('accepts a hub answer with a well-formed status machine', () => {
    expect(parseHubInfo(info)?.transitions.applying).toEqual(['licensed', 'exited']);
  });
  it('refuses anything else: the platform console stays', () => {
    expect(parseHubInfo({ ...info, server: 'platform' })).toBeUndefined();
    expect(parseHubInfo({ error: { code: 'ZHILI_E_ROUTE_NOT_FOUND' } })).toBeUndefined();
    expect(parseHubInfo({ ...info, transitions: { licensed: ['closed'] } })).toBeUndefined();
    expect(parseHubInfo({ ...info, transitions: { nowhere: [] } })).toBeUndefined();
    expect(parseHubInfo({ ...info, version: 1 })).toBeUndefined();
    expect(parseHubInfo(null)).toBeUndefined();
    expect(parseHubInfo('hub')).toBeUndefined();
  });
});

describe('four eyes on status changes', () => {
  it('offers the statuses the machine allows from the current one, none once exited', () => {
    const t = parseHubInfo(info)?.transitions ?? {};
    expect(statusTargets(t, 'winding_down')).toEqual(['exited']);
    expect(statusTargets(t, 'exited')).toEqual([]);
  });
  it('withholds the decision from the proposer, on a moved platform and once decided', () => {
    expect(decisionState(change(), 'sup_b', 'licensed')).toBe('open');
    expect(decisionState(change(), 'sup_a', 'licensed')).toBe('own');
    expect(decisionState(change(), 'sup_b', 'suspended')).toBe('moved');
    expect(decisionState(change({ decision: 'approved' }), 'sup_b', 'restricted')).toBe('decided');
    // The proposer's own proposal stays theirs even when the platform moved meanwhile.
    expect(decisionState(change(), 'sup_a', 'suspended')).toBe('own');
  });
  it('finds the newest pending proposal and every supervisor a history names', () => {
    const cs = [
      change({ id: 'a', proposedAt: 1, decision: 'approved', decidedBy: 'sup_b' }),
      change({ id: 'b', proposedAt: 3, proposedBy: 'sup_c' }),
      change({ id: 'c', proposedAt: 2 }),
    ];
    expect(pendingChange(cs)?.id).toBe('b');
    expect(pendingChange([cs[0] ?? change()])).toBeUndefined();
    expect(supervisorIds(cs)).toEqual(['sup_a', 'sup_b', 'sup_c']);
  });
});

describe('the dashboard', () => {
  it('puts each flag on its indicator, critical first', () => {
    const flags = [flag('ledger_age'), flag('ledger_alerts', 'critical'), flag('sla_breaches')];
    expect(flagsOn(flags, 'ledger').map((f) => f.code)).toEqual(['ledger_alerts', 'ledger_age']);
    expect(flagsOn(flags, 'reports')).toEqual([]);
  });
  it('orders platforms by critical flags, then flags, then name, and counts them', () => {
    const rows = [
      row('c', [flag('sync_age'), flag('open_incidents')]),
      row('b', [flag('sla_breaches', 'critical')], 'restricted'),
      row('a', []),
      row('d', [flag('sync_age')]),
    ];
    expect(byConcern(rows).map((r) => r.platform.name)).toEqual(['b', 'c', 'd', 'a']);
    const s = summary(rows);
    expect(s).toMatchObject({ platforms: 4, flagged: 3, critical: 1 });
    expect(s.byStatus).toMatchObject({ licensed: 3, restricted: 1, exited: 0 });
  });
  it('shows rates as percentages and counts as they are', () => {
    expect(percent(0.0525)).toBe('5.25%');
    expect(percent(null)).toBe('—');
    expect(flagFigure({ code: 'overdue_rate' }, 0.1)).toBe('10.00%');
    expect(flagFigure({ code: 'case_backlog' }, 201)).toBe('201');
  });
  it('writes minor units as decimals without a float', () => {
    expect(minorToDecimal(123456, 2)).toBe('1234.56');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(900, 0)).toBe('900');
    expect(minorToDecimal(9007199254740991, 2)).toBe('90071992547409.91');
  });
});

describe('the supervisor session read back from storage', () => {
  const good = { token: 'zh_x', expiresAt: 5, supervisor: { id: 'sup_a', username: 'alice', admin: true } };
  it('keeps a well-formed session', () => {
    expect(parseHubSession(JSON.stringify(good))).toEqual(good);
  });
  it('drops anything else (a platform session, garbage, nothing)', () => {
    const platform = { token: 't', expiresAt: 5, user: { id: 'u', tenantId: 't', username: 'x', roles: [] } };
    expect(parseHubSession(JSON.stringify(platform))).toBeUndefined();
    expect(
      parseHubSession(JSON.stringify({ ...good, supervisor: { ...good.supervisor, admin: 'yes' } })),
    ).toBeUndefined();
    expect(parseHubSession('{')).toBeUndefined();
    expect(parseHubSession(null)).toBeUndefined();
  });
});

function leaves(v: unknown, path = ''): [string, unknown][] {
  if (v && typeof v === 'object')
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
  return [[path, v]];
}

describe('the hub pages’ strings', () => {
  it('exist in English and Chinese, each non-empty, with the same interpolations', () => {
    const e = leaves(en);
    const z = new Map(leaves(zh));
    expect([...z.keys()].sort()).toEqual(e.map(([k]) => k).sort());
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of e) {
      expect(typeof v === 'string' && v.trim() !== '', k).toBe(true);
      expect(typeof z.get(k) === 'string' && String(z.get(k)).trim() !== '', k).toBe(true);
      expect(vars(z.get(k)), k).toEqual(vars(v));
    }
  });
});
