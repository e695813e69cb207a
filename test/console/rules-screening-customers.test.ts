// The console's pure parts for the Rules, Screening and Customers pages: the version diff, which
// lifecycle steps and hit decisions each role is offered (four eyes), the tenant-zone day start.
import { describe, expect, it } from 'vitest';
import { diffLines, hunks } from '../../web/src/pages/rules/diff.ts';
import { ruleSetCommandsFor } from '../../web/src/pages/rules/ruleset-commands.ts';
import { zonedMidnight } from '../../web/src/pages/rules/backtest-charts.ts';
import type { RuleSetDetail } from '../../web/src/pages/rules/types.ts';
import { hitCommandsFor } from '../../web/src/pages/screening/hit-commands.ts';
import type { PartyHit } from '../../web/src/pages/screening/types.ts';
import { flatten } from '../../web/src/pages/customers/flatten.ts';

describe('diff of two versions', () => {
  it('pairs changed lines side by side and keeps line numbers', () => {
    const rows = diffLines('a\nb\nc\nd', 'a\nB\nc\nd\ne');
    expect(rows.map((r) => r.kind)).toEqual(['same', 'change', 'same', 'same', 'add']);
    expect(rows[1]).toMatchObject({ left: { n: 2, text: 'b' }, right: { n: 2, text: 'B' } });
    expect(rows[4]).toMatchObject({ right: { n: 5, text: 'e' } });
    expect(rows[4]?.left).toBeUndefined();
  });

  it('shows only the changes with context, the rest as gaps', () => {
    const a = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
    const b = a.replace('line 20', 'line twenty');
    const items = hunks(diffLines(a, b), 2);
    expect(items.map((x) => x.kind)).toEqual(['gap', 'same', 'same', 'change', 'same', 'same', 'gap']);
    expect(items[0]).toEqual({ kind: 'gap', lines: 18 });
    expect(hunks(diffLines(a, a))).toEqual([{ kind: 'gap', lines: 40 }]);
  });
});

const version = (over: Partial<RuleSetDetail>): RuleSetDetail => ({
  version: 'v2',
  status: 'draft',
  active: false,
  shadow: false,
  createdAt: 0,
  createdBy: 'usr_ana',
  content: {},
  history: [],
  ...over,
});
const ids = (v: RuleSetDetail, me: { id: string; roles: string[] }) => ruleSetCommandsFor(v, me).map((c) => c.id);

describe('rule-set steps offered', () => {
  it('follows the state and the role; the author and submitter are never offered approval', () => {
    const ana = { id: 'usr_ana', roles: ['analyst'] };
    const bob = { id: 'usr_bob', roles: ['analyst'] };
    const apr = { id: 'usr_apr', roles: ['approver'] };
    const adm = { id: 'usr_adm', roles: ['admin'] };
    const aud = { id: 'usr_aud', roles: ['auditor'] };
    expect(ids(version({}), ana)).toEqual(['submit']);
    const submitted = version({
      status: 'submitted',
      history: [{ action: 'submit', fromStatus: 'draft', toStatus: 'submitted', actorId: 'usr_apr', at: '' }],
    });
    expect(ids(submitted, bob)).toEqual([]);
    expect(ids(submitted, apr), 'the approver submitted it').toEqual([]);
    expect(ids(version({ status: 'submitted' }), apr)).toEqual(['approve', 'reject']);
    expect(ids(version({ status: 'approved' }), ana)).toEqual(['activate', 'shadow']);
    expect(ids(version({ status: 'approved', shadow: true }), ana)).toEqual(['activate', 'unshadow']);
    expect(ids(version({ status: 'superseded' }), adm)).toEqual(['rollback']);
    expect(ids(version({ status: 'active', active: true }), adm)).toEqual([]);
    for (const s of ['draft', 'submitted', 'approved', 'superseded'] as const)
      expect(ids(version({ status: s }), aud)).toEqual([]);
  });
});

const hit = (over: Partial<PartyHit>): PartyHit => ({
  id: 'hit_1',
  listId: 'ofac-sdn',
  entryId: '100',
  matchedName: 'XI, Jinping',
  score: 0.99,
  recommendation: 'block',
  sanctions: true,
  listVersions: [],
  status: 'open',
  partyVersion: 1,
  decidedBy: null,
  decidedAt: null,
  reason: null,
  firstSeenAt: 0,
  lastScreenedAt: 0,
  ...over,
});
const hitIds = (h: PartyHit, me: { id: string; roles: string[] }) => hitCommandsFor(h, me).map((c) => c.id);

describe('hit decisions offered', () => {
  it('asks a second approver for a blocking true match, never the requester', () => {
    const ana = { id: 'usr_ana', roles: ['analyst'] };
    const apr = { id: 'usr_apr', roles: ['approver'] };
    const apr2 = { id: 'usr_apr2', roles: ['approver'] };
    expect(hitIds(hit({}), ana)).toEqual(['false_positive', 'request_confirm']);
    expect(hitIds(hit({ recommendation: 'review' }), ana)).toEqual(['false_positive', 'confirmed']);
    expect(hitIds(hit({ status: 'confirm_requested', decidedBy: 'usr_ana' }), ana)).toEqual([]);
    expect(hitIds(hit({ status: 'confirm_requested', decidedBy: 'usr_ana' }), apr)).toEqual([
      'approve_confirm',
      'refuse_confirm',
    ]);
    expect(hitIds(hit({ status: 'confirm_requested', decidedBy: 'usr_apr' }), apr)).toEqual([]);
    expect(hitIds(hit({ status: 'confirm_requested', decidedBy: 'usr_apr' }), apr2)).toHaveLength(2);
    expect(hitIds(hit({}), { id: 'usr_aud', roles: ['auditor'] })).toEqual([]);
  });
});

describe('small helpers', () => {
  it('starts a day at midnight in the tenant zone', () => {
    expect(zonedMidnight('2026-11-01', 'Asia/Shanghai')).toBe('2026-10-31T16:00:00.000Z');
    expect(zonedMidnight('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(zonedMidnight('2026-03-30', 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('flattens a party record into labelled rows', () => {
    expect(flatten({ names: [{ full: '张**' }], pep: false, owners: [] })).toEqual([
      { path: 'names[1].full', value: '张**' },
      { path: 'pep', value: 'false' },
    ]);
  });
});
