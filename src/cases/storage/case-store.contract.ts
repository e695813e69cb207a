import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord, CaseRecord, HistoryEntry, MovementRecord, ReportRecord } from '../core/types.ts';
import type { CaseStore, Projection } from './port.ts';

let n = 0;
const id = (p: string): string => `${p}_${String(++n).padStart(6, '0')}`;

export const aCase = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  id: id('case'),
  tenantId: 'ten_a',
  customerId: 'cust-1',
  status: 'open',
  priority: 'medium',
  score: 40,
  queue: 'default',
  assignee: null,
  tags: [],
  dueAt: 5_000,
  openedAt: 1_000,
  lastAlertAt: 1_000,
  alertCount: 1,
  pending: null,
  resolution: null,
  closedAt: null,
  version: 1,
  updatedAt: 1_000,
  ...over,
});

export const anAlert = (c: CaseRecord, over: Partial<AlertRecord> = {}): AlertRecord => ({
  id: id('alr'),
  tenantId: c.tenantId,
  caseId: c.id,
  eventId: id('evt'),
  decisionSeq: 1,
  customerId: c.customerId,
  source: 'obligation',
  type: 'large_value_report',
  code: '0501',
  ruleIds: ['cn-pboc-lv-cash'],
  score: 40,
  priority: 'medium',
  dueBy: '2026-12-03',
  occurredAt: 1_000,
  createdAt: 1_001,
  reportId: null,
  ...over,
});

const hist = (subjectId: string, action: string, at = 1): HistoryEntry => ({
  id: id('hst'),
  tenantId: 'ten_a',
  subjectId,
  at,
  actor: 'system',
  action,
  detail: { zh: '中文', n: 1 },
});

const movement = (over: Partial<MovementRecord>): MovementRecord => ({
  tenantId: 'ten_a',
  eventId: id('evt'),
  seq: 1,
  type: 'transfer',
  occurredAt: 1_000,
  outcome: 'allow',
  debtorParty: 'p-a',
  debtorAccount: 'acc-a',
  creditorParty: 'p-b',
  creditorAccount: 'acc-b',
  amountMinor: 123_456,
  currency: 'CNY',
  ...over,
});

const projection = (over: Partial<Projection>): Projection => ({
  expectedSeq: 0,
  seq: 0,
  newCases: [],
  alerts: [],
  caseBumps: [],
  movements: [],
  history: [],
  ...over,
});

export const aReport = (over: Partial<ReportRecord> = {}): ReportRecord => ({
  id: id('rpt'),
  tenantId: 'ten_a',
  format: 'pboc_hvtr',
  messageType: 'N',
  status: 'draft',
  str: false,
  caseId: null,
  alertIds: [],
  correctsId: null,
  payload: { customers: [{ name: '张三' }] },
  dueBy: '2026-12-03',
  createdBy: 'usr_1',
  createdAt: 10,
  approvedBy: null,
  approvedAt: null,
  submittedAt: null,
  fileName: null,
  packageName: null,
  sha256: null,
  ackAt: null,
  ackNote: null,
  version: 1,
  ...over,
});

/** The behaviour every CaseStore adapter must have; `open` gives a fresh, empty, migrated store. */
export function caseStoreContract(name: string, open: () => Promise<CaseStore>): void {
  describe(`CaseStore contract: ${name}`, () => {
    let s: CaseStore;
    beforeAll(async () => {
      s = await open();
      await s.migrate(); // idempotent
    });
    afterAll(async () => {
      await s.close();
    });

    const c1 = aCase({ lastAlertAt: 1_000 });
    const a1 = anAlert(c1, { decisionSeq: 3 });
    const m1 = movement({ seq: 3 });

    it('starts empty', async () => {
      expect(await s.progress()).toBe(0);
      expect(await s.listCases('ten_a', { limit: 10 })).toEqual([]);
    });

    it('applies a projection with its progress in one step and reads everything back exactly', async () => {
      await s.applyProjection(
        projection({ seq: 3, newCases: [c1], alerts: [a1], movements: [m1], history: [hist(c1.id, 'opened')] }),
      );
      expect(await s.progress()).toBe(3);
      expect(await s.getCase('ten_a', c1.id)).toEqual(c1);
      expect(await s.getAlert('ten_a', a1.id)).toEqual(a1);
      expect(await s.listAlerts('ten_a', { caseId: c1.id, limit: 10 })).toEqual([a1]);
      expect((await s.history('ten_a', c1.id)).map((h) => [h.action, h.detail])).toEqual([
        ['opened', { zh: '中文', n: 1 }],
      ]);
      expect(await s.movementsOfParty('ten_a', 'p-b', { limit: 10 })).toEqual([m1]);
    });

    it('refuses a projection from a stale progress marker and writes none of it', async () => {
      const c = aCase();
      await expect(s.applyProjection(projection({ expectedSeq: 0, seq: 9, newCases: [c] }))).rejects.toMatchObject({
        name: 'ProjectionConflictError',
        actual: 3,
      });
      expect(await s.getCase('ten_a', c.id)).toBeUndefined();
      expect(await s.progress()).toBe(3);
    });

    it('rolls back the whole projection when one alert repeats an origin', async () => {
      const c = aCase();
      const dup = anAlert(c1, { eventId: a1.eventId });
      await expect(
        s.applyProjection(projection({ expectedSeq: 3, seq: 5, newCases: [c], alerts: [dup] })),
      ).rejects.toThrow();
      expect(await s.getCase('ten_a', c.id)).toBeUndefined();
      expect(await s.progress()).toBe(3);
    });

    it('bumps a case: priority and score only rise, alerts add up, the workflow version is untouched', async () => {
      const bump = { caseId: c1.id, priority: 'critical' as const, score: 90, lastAlertAt: 2_000, alerts: 2 };
      await s.applyProjection(projection({ expectedSeq: 3, seq: 4, caseBumps: [bump] }));
      await s.applyProjection(
        projection({
          expectedSeq: 4,
          seq: 5,
          caseBumps: [{ ...bump, priority: 'low', score: 1, lastAlertAt: 1_500, alerts: 1 }],
        }),
      );
      expect(await s.getCase('ten_a', c1.id)).toMatchObject({
        priority: 'critical',
        score: 90,
        lastAlertAt: 2_000,
        alertCount: 4,
        version: 1,
      });
    });

    it('finds the case to group into: same customer, open, last alert inside the window', async () => {
      expect((await s.findGroupingCase('ten_a', 'cust-1', 1_900))?.id).toBe(c1.id);
      expect(await s.findGroupingCase('ten_a', 'cust-1', 2_001)).toBeUndefined();
      expect(await s.findGroupingCase('ten_a', 'cust-2', 0)).toBeUndefined();
      expect(await s.findGroupingCase('ten_b', 'cust-1', 0)).toBeUndefined();
    });

    it('writes workflow changes by compare-and-set and keeps their history in order', async () => {
      const cur = (await s.getCase('ten_a', c1.id))!;
      const next = {
        ...cur,
        status: 'assigned' as const,
        assignee: 'usr_1',
        tags: ['结构化'],
        version: cur.version + 1,
        updatedAt: 3_000,
      };
      await s.updateCase(next, [hist(c1.id, 'assign', 3_000)]);
      await expect(s.updateCase({ ...next, status: 'investigating' }, [hist(c1.id, 'start')])).rejects.toMatchObject({
        name: 'StaleWriteError',
      });
      expect(await s.getCase('ten_a', c1.id)).toMatchObject({
        status: 'assigned',
        assignee: 'usr_1',
        tags: ['结构化'],
        alertCount: 4,
      });
      expect((await s.history('ten_a', c1.id)).map((h) => h.action)).toEqual(['opened', 'assign']);
      expect(await s.findGroupingCase('ten_a', 'cust-1', 0)).toBeDefined();
      await s.updateCase({ ...next, status: 'closed_no_report', version: next.version + 1 }, []);
      expect(await s.findGroupingCase('ten_a', 'cust-1', 0)).toBeUndefined();
    });

    it('filters and pages cases', async () => {
      const more = [
        aCase({ customerId: 'cust-9', priority: 'high', tags: ['vip'] }),
        aCase({ customerId: 'cust-9', queue: 'fraud' }),
      ];
      await s.applyProjection(projection({ expectedSeq: 5, seq: 6, newCases: more }));
      expect((await s.listCases('ten_a', { customerId: 'cust-9', limit: 10 })).map((c) => c.id)).toEqual([
        more[1]!.id,
        more[0]!.id,
      ]);
      expect((await s.listCases('ten_a', { tag: 'vip', limit: 10 })).map((c) => c.id)).toEqual([more[0]!.id]);
      expect((await s.listCases('ten_a', { queue: 'fraud', limit: 10 })).map((c) => c.id)).toEqual([more[1]!.id]);
      expect((await s.listCases('ten_a', { status: ['closed_no_report'], limit: 10 })).map((c) => c.id)).toEqual([
        c1.id,
      ]);
      const page1 = await s.listCases('ten_a', { limit: 2 });
      const page2 = await s.listCases('ten_a', { limit: 2, before: page1[1]!.id });
      expect(page2.map((c) => c.id)).toEqual([c1.id]);
      expect(await s.listCases('ten_b', { limit: 10 })).toEqual([]);
    });

    it('finds movements by party and by account within a time range', async () => {
      const ms = [
        movement({
          seq: 7,
          occurredAt: 5_000,
          debtorAccount: 'acc-b',
          creditorAccount: 'acc-c',
          debtorParty: 'p-b',
          creditorParty: 'p-c',
        }),
        movement({
          seq: 8,
          occurredAt: 6_000,
          debtorAccount: 'acc-c',
          creditorAccount: 'acc-a',
          debtorParty: 'p-c',
          creditorParty: 'p-a',
        }),
      ];
      await s.applyProjection(projection({ expectedSeq: 6, seq: 8, movements: ms }));
      expect((await s.movementsOfAccounts('ten_a', ['acc-b'], { limit: 10 })).map((m) => m.seq)).toEqual([3, 7]);
      expect(
        (await s.movementsOfAccounts('ten_a', ['acc-a', 'acc-c'], { from: 4_000, limit: 10 })).map((m) => m.seq),
      ).toEqual([7, 8]);
      expect((await s.movementsOfParty('ten_a', 'p-a', { to: 5_500, limit: 10 })).map((m) => m.seq)).toEqual([3]);
      expect(await s.movementsOfAccounts('ten_a', [], { limit: 10 })).toEqual([]);
      expect(await s.movementsOfParty('ten_b', 'p-a', { limit: 10 })).toEqual([]);
    });

    it('creates a report that takes up its alerts exactly once', async () => {
      const c = aCase();
      const alerts = [anAlert(c), anAlert(c)];
      await s.applyProjection(projection({ expectedSeq: 8, seq: 9, newCases: [c], alerts }));
      expect((await s.listAlerts('ten_a', { unreported: true, limit: 10 })).map((a) => a.id).sort()).toEqual(
        [a1.id, ...alerts.map((a) => a.id)].sort(),
      );
      const r = aReport({ alertIds: alerts.map((a) => a.id) });
      await s.createReport(r, [hist(r.id, 'drafted')]);
      expect(await s.getReport('ten_a', r.id)).toEqual(r);
      expect((await s.getAlert('ten_a', alerts[0]!.id))?.reportId).toBe(r.id);
      const clash = aReport({ alertIds: [a1.id, alerts[1]!.id] });
      await expect(s.createReport(clash, [])).rejects.toMatchObject({ name: 'StaleWriteError' });
      expect(await s.getReport('ten_a', clash.id)).toBeUndefined();
      expect((await s.getAlert('ten_a', a1.id))?.reportId).toBeNull();

      const approved = { ...r, status: 'approved' as const, approvedBy: 'usr_2', approvedAt: 20, version: 2 };
      await s.updateReport(approved, [hist(r.id, 'approved')]);
      await expect(s.updateReport({ ...approved, status: 'submitted' }, [])).rejects.toMatchObject({
        name: 'StaleWriteError',
      });
      await s.updateReport({ ...approved, status: 'rejected', version: 3 }, [], { releaseAlerts: true });
      expect((await s.getAlert('ten_a', alerts[0]!.id))?.reportId).toBeNull();
      expect((await s.history('ten_a', r.id)).map((h) => h.action)).toEqual(['drafted', 'approved']);
      expect((await s.listReports('ten_a', { status: ['rejected'], limit: 10 })).map((x) => x.id)).toEqual([r.id]);
      expect(await s.listReports('ten_a', { str: true, limit: 10 })).toEqual([]);
    });

    it('counts file sequences per tenant and name without gaps or repeats under concurrency', async () => {
      const got = await Promise.all(Array.from({ length: 20 }, () => s.nextSequence('ten_a', 'pboc:20261126')));
      expect(got.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await s.nextSequence('ten_b', 'pboc:20261126')).toBe(1);
      expect(await s.nextSequence('ten_a', 'pboc:20261127')).toBe(1);
    });

    it('keeps submitted packages byte for byte, once per name', async () => {
      const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 255, 128]);
      const p = { name: 'NBH.ZIP', tenantId: 'ten_a', reportIds: ['rpt_1'], sha256: 'ab', bytes, createdAt: 5 };
      await s.putPackage(p);
      expect(await s.getPackage('ten_a', 'NBH.ZIP')).toEqual(p);
      await expect(s.putPackage(p)).rejects.toMatchObject({ name: 'StaleWriteError' });
      expect(await s.getPackage('ten_b', 'NBH.ZIP')).toBeUndefined();
    });
  });
}
