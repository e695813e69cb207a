/** The hub's pure cores for filings: early-warning flags, exit plans, sign-in lock times, disclosure checks. */
import { describe, expect, it } from 'vitest';
import { canonicalOf, hashOf, type DisclosureDocument } from '../../src/disclosure/index.ts';
import { sha256Hex } from '../../src/kernel/index.ts';
import { auditEntry, encodeBase64, encodeEntry, hashLeaf, inclusionProof, MemoryTree } from '../../src/ledger/index.ts';
import {
  checkDisclosure,
  daysAfterPeriod,
  defaultThresholds,
  earlyWarnings,
  exitReady,
  lockFor,
  lockedFor,
  updateExitPlan,
  type DisclosureCopy,
  type PlatformIndicators,
} from '../../src/supervision/index.ts';

const quiet: PlatformIndicators = {
  alertBacklog: 3,
  caseBacklog: 2,
  slaBreaches: 0,
  reports: { submitted: 10, late: 0, lateRate: 0 },
  complaints: { received: 40, breached: 1, breachRate: 0.025, open: 4 },
  overdue: [{ currency: 'CNY', balanceMinor: 1_000_000, overdueMinor: 10_000, rate: 0.01 }],
  disclosures: { published: 2, late: 0, verified: 2, pending: 0, mismatched: 0 },
  incidentsOpen: 0,
  ledger: { lastCosignedAt: 0, ageHours: 1, openAlerts: 0 },
  lastSyncAt: 0,
  syncAgeHours: 0.5,
};

describe('early-warning flags', () => {
  it('raises nothing for a platform within every threshold', () => {
    expect(earlyWarnings(quiet, defaultThresholds)).toEqual([]);
  });

  it('raises each flag with the figure and the threshold it crossed, in English and Chinese', () => {
    const flags = earlyWarnings(
      {
        ...quiet,
        slaBreaches: 2,
        complaints: { ...quiet.complaints, breachRate: 0.08 },
        overdue: [...quiet.overdue, { currency: 'USD', balanceMinor: 100, overdueMinor: 30, rate: 0.3 }],
        disclosures: { ...quiet.disclosures, mismatched: 1 },
        ledger: { lastCosignedAt: 0, ageHours: 30, openAlerts: 1 },
      },
      defaultThresholds,
    );
    expect(flags.map((f) => [f.code, f.value, f.threshold, f.setting])).toEqual([
      ['sla_breaches', 2, 0, 'slaBreaches'],
      ['complaint_breach_rate', 0.08, 0.05, 'complaintBreachRate'],
      ['overdue_rate', 0.3, 0.05, 'overdueRate'],
      ['disclosure_mismatch', 1, 0, null],
      ['ledger_age', 30, 24, 'ledgerAgeHours'],
      ['ledger_alerts', 1, 0, null],
    ]);
    const overdue = flags.find((f) => f.code === 'overdue_rate');
    expect(overdue?.message).toBe('USD loan book: overdue rate 30.00% (threshold 5.00%).');
    expect(overdue?.messageZh).toBe('USD 贷款逾期率 30.00%（阈值 5.00%）。');
  });

  it('compares strictly above the threshold, and leaves figures the platform never sent alone', () => {
    expect(earlyWarnings({ ...quiet, caseBacklog: 200 }, defaultThresholds)).toEqual([]);
    expect(earlyWarnings({ ...quiet, caseBacklog: 201 }, defaultThresholds).map((f) => f.code)).toEqual([
      'case_backlog',
    ]);
    const never = { ...quiet, caseBacklog: null, alertBacklog: null, slaBreaches: null, syncAgeHours: null };
    expect(earlyWarnings(never, { ...defaultThresholds, caseBacklog: 0, slaBreaches: 0 })).toEqual([]);
    expect(earlyWarnings(quiet, { ...defaultThresholds, caseBacklog: 1 }).map((f) => f.code)).toEqual(['case_backlog']);
  });

  it('counts disclosure days from the end of the month', () => {
    expect(daysAfterPeriod('2026-10', Date.parse('2026-11-01T00:00:00Z'))).toBe(0);
    expect(daysAfterPeriod('2026-10', Date.parse('2026-11-16T12:00:00Z'))).toBe(15);
    expect(daysAfterPeriod('2026-12', Date.parse('2027-01-20T00:00:00Z'))).toBe(19);
  });
});

describe('exit plans', () => {
  const data = (at: number, open: number, balance: number, customers: number, complaints: number) => ({
    at,
    loans: [{ currency: 'CNY', open, balanceMinor: balance }],
    customersToNotify: customers,
    complaintsOpen: complaints,
    incidentsOpen: 0,
  });

  it('is not ready without data since it opened', () => {
    const plan = updateExitPlan('p', undefined, undefined, 1000);
    expect(plan).toEqual({ platformId: 'p', openedAt: 1000, dataAt: null, items: [] });
    expect(exitReady(plan)).toMatchObject({ ok: false, reasonZh: '退出计划自开始清退以来尚未收到平台数据。' });
  });

  it('does not count figures received before the wind-down began', () => {
    const plan = updateExitPlan('p', undefined, data(999, 0, 0, 0, 0), 1000);
    expect(plan.dataAt).toBeNull();
    expect(exitReady(plan).ok).toBe(false);
  });

  it('closes items as the data shows them resolved, keeps the first figures, and reopens what comes back', () => {
    let plan = updateExitPlan('p', undefined, data(1000, 2, 700, 2, 1), 1000);
    expect(exitReady(plan).ok).toBe(false);
    plan = updateExitPlan('p', plan, data(2000, 1, 300, 1, 0), 2000);
    const byKey = (k: string) => plan.items.find((i) => i.key === k);
    expect(byKey('complaints')).toMatchObject({ initial: 1, current: 0, closedAt: 2000 });
    expect(byKey('balance:CNY')).toMatchObject({ initial: 700, current: 300, closedAt: null });
    plan = updateExitPlan('p', plan, data(3000, 0, 0, 0, 1), 3000);
    expect(byKey('complaints')).toMatchObject({ current: 1, closedAt: null });
    expect(exitReady(plan)).toMatchObject({ ok: false, reason: expect.stringContaining('Open complaints 1') });
    plan = updateExitPlan('p', plan, { ...data(4000, 0, 0, 0, 0), loans: [] }, 4000);
    // A currency no longer reported reads as resolved (closed when it reached zero).
    expect(byKey('loans:CNY')).toMatchObject({ current: 0, closedAt: 3000 });
    expect(exitReady(plan)).toEqual({ ok: true });
  });
});

describe('sign-in lock times', () => {
  const p = { baseLockMs: 60_000, maxLockMs: 3_600_000 };
  it('locks at the limit and doubles with each further failure, up to the cap', () => {
    expect([4, 5, 6, 7, 12, 40].map((n) => lockFor(n, 5, p))).toEqual([
      0, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ]);
    expect(lockedFor({ failures: 5, lockedUntil: 1000, lastFailureAt: 0 }, 400)).toBe(600);
    expect(lockedFor({ failures: 5, lockedUntil: 1000, lastFailureAt: 0 }, 1000)).toBe(0);
    expect(lockedFor(undefined, 1)).toBe(0);
  });
});

describe('disclosure check against a cosigned root', () => {
  const doc: DisclosureDocument = {
    format: 'zhili.disclosure/1',
    standard: 'T/NIFA 1—2017',
    tenantId: 'ten_1',
    period: '2026-10',
    asOf: '2026-10-31',
    version: 1,
    participants: {
      cumulativeBorrowers: 1,
      periodBorrowers: 1,
      cumulativeLenders: 1,
      periodLenders: 1,
      outstandingBorrowers: 1,
    },
    currencies: [],
    complaints: { received: 2, resolved: 1, resolutionRate: 0.5, byCategory: [] },
  } as unknown as DisclosureDocument;
  const hash = hashOf(doc);
  const entry = encodeEntry(
    auditEntry({
      tenantId: 'ten_1',
      action: 'disclosure.publish',
      actorId: 'usr_1',
      subjectId: 'dsc_1',
      dataHash: hash,
      at: 5,
    }),
  );
  const tree = new MemoryTree();
  tree.append(hashLeaf('{"other":1}'));
  tree.append(hashLeaf(entry));
  tree.append(hashLeaf('{"other":2}'));
  const root = encodeBase64(tree.root(3));
  const copy: DisclosureCopy = {
    tenantId: 'ten_1',
    id: 'dsc_1',
    period: '2026-10',
    version: 1,
    publishedBy: 'usr_1',
    publishedAt: 5,
    canonical: canonicalOf(doc),
    hash,
    ledgerIndex: 1,
    proof: { treeSize: 3, hashes: inclusionProof(tree, 1, 3).map(encodeBase64) },
  };

  it('verifies the document, its hash and the inclusion of the rebuilt entry', () => {
    expect(checkDisclosure(copy, root, undefined)).toEqual({
      state: 'verified',
      computedHash: hash,
      treeSize: 3,
      reasons: [],
    });
  });

  it('is pending while the hub has not cosigned the tree the proof is for', () => {
    expect(checkDisclosure(copy, undefined, undefined).state).toBe('pending');
    expect(checkDisclosure({ ...copy, proof: null }, root, undefined).state).toBe('pending');
  });

  it('finds an edited document whatever hash the platform sends with it', () => {
    const edited = canonicalOf({ ...doc, complaints: { ...doc.complaints, received: 9 } });
    const kept = checkDisclosure({ ...copy, canonical: edited }, root, undefined);
    expect(kept.state).toBe('mismatch');
    expect(kept.reasons.map((r) => r.en)).toEqual([expect.stringContaining('does not match the hash recorded')]);
    const rehashed = checkDisclosure({ ...copy, canonical: edited, hash: sha256Hex(edited) }, root, undefined);
    expect(rehashed.state).toBe('mismatch');
    expect(rehashed.reasons.map((r) => r.en)).toEqual([expect.stringContaining('not included in the checkpoint')]);
    // Without a proof, a copy that differs from the one the hub verified is still a mismatch.
    const later = checkDisclosure({ ...copy, canonical: edited, hash: sha256Hex(edited), proof: null }, root, {
      computedHash: hash,
      state: 'verified',
    });
    expect(later.state).toBe('mismatch');
  });

  it('refuses a copy that is not the canonical document of its tenant, period and version', () => {
    expect(checkDisclosure({ ...copy, canonical: JSON.stringify(doc, null, 1) }, root, undefined).state).toBe(
      'mismatch',
    );
    expect(checkDisclosure({ ...copy, version: 2 }, root, undefined).state).toBe('mismatch');
    expect(checkDisclosure({ ...copy, canonical: 'not json' }, root, undefined).state).toBe('mismatch');
  });
});
