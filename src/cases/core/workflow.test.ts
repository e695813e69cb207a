import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, type Actor, type CaseAction } from './workflow.ts';
import { closedStatuses, type CaseRecord } from './types.ts';

const fresh = (): CaseRecord => ({
  id: 'case_1',
  tenantId: 'ten_a',
  customerId: 'c',
  status: 'open',
  priority: 'low',
  score: 0,
  queue: 'default',
  assignee: null,
  tags: [],
  dueAt: 0,
  openedAt: 0,
  lastAlertAt: 0,
  alertCount: 1,
  pending: null,
  resolution: null,
  closedAt: null,
  version: 1,
  updatedAt: 0,
});

const actors: Actor[] = [
  { id: 'ana', roles: ['analyst'] },
  { id: 'amy', roles: ['analyst', 'approver'] },
  { id: 'apr', roles: ['approver'] },
  { id: 'adm', roles: ['admin'] },
  { id: 'aud', roles: ['auditor'] },
];

const action: fc.Arbitrary<CaseAction> = fc.oneof(
  fc.constantFrom(...actors.map((a) => a.id)).map((assignee) => ({ type: 'assign' as const, assignee })),
  fc.constant<CaseAction>({ type: 'start' }),
  fc.constant<CaseAction>({ type: 'escalate' as const, reason: 'r' }),
  fc.constant<CaseAction>({ type: 'resume' }),
  fc
    .constantFrom('false_positive' as const, 'no_report' as const, 'reported' as const)
    .map((resolution) => ({ type: 'request_close' as const, resolution, reason: 'r' })),
  fc.constant<CaseAction>({ type: 'approve' }),
  fc.constant<CaseAction>({ type: 'reject' as const, reason: 'r' }),
  fc.constant<CaseAction>({ type: 'reopen' as const, reason: 'r' }),
  fc.constant<CaseAction>({ type: 'comment' as const, text: '备注' }),
  fc.constant<CaseAction>({ type: 'tag' as const, add: ['x'] }),
);
const step = fc.record({ actor: fc.constantFrom(...actors), action });

describe('case workflow (pure state machine)', () => {
  it('never reaches a closed state without an approval by a different operator holding the approver role', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let c = fresh();
        let t = 0;
        for (const { actor, action: a } of steps) {
          const before = c;
          const r = applyAction(c, a, actor, ++t);
          if (!r.ok) {
            expect(['illegal_transition', 'four_eyes', 'pending_approval']).toContain(r.error.kind);
            continue;
          }
          c = r.value.case;
          expect(c.version).toBe(before.version + 1);
          if (closedStatuses.has(c.status) && !closedStatuses.has(before.status)) {
            expect(a.type).toBe('approve');
            expect(actor.roles).toContain('approver');
            expect(before.pending).not.toBeNull();
            expect(actor.id).not.toBe(before.pending!.requestedBy);
            expect(c.resolution).toBe(before.pending!.resolution);
          }
          if (closedStatuses.has(c.status)) expect(c.pending).toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rejects illegal transitions and leaves the case as it was', () => {
    const c = fresh();
    for (const a of [
      { type: 'start' },
      { type: 'escalate', reason: 'r' },
      { type: 'resume' },
      { type: 'approve' },
      { type: 'reopen', reason: 'r' },
      { type: 'request_close', resolution: 'no_report', reason: 'r' },
    ] as CaseAction[]) {
      const r = applyAction(c, a, actors[0]!, 1);
      expect(r.ok, a.type).toBe(false);
    }
  });

  it('walks the happy path, refuses self-approval, and reopens', () => {
    const ana = actors[0]!;
    const amy = actors[1]!;
    const apr = actors[2]!;
    const run = (c: CaseRecord, a: CaseAction, who: Actor): CaseRecord => {
      const r = applyAction(c, a, who, 1);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.case;
    };
    let c = run(fresh(), { type: 'assign', assignee: 'amy' }, ana);
    expect(c.status).toBe('assigned');
    c = run(c, { type: 'start' }, amy);
    c = run(c, { type: 'escalate', reason: 'fan-in' }, amy);
    c = run(c, { type: 'request_close', resolution: 'reported', reason: 'STR filed' }, amy);
    const self = applyAction(c, { type: 'approve' }, amy, 2);
    expect(self.ok ? 'ok' : self.error.kind).toBe('four_eyes');
    const noRole = applyAction(c, { type: 'approve' }, ana, 2);
    expect(noRole.ok ? 'ok' : noRole.error.kind).toBe('four_eyes');
    expect(applyAction(c, { type: 'resume' }, amy, 2).ok).toBe(false);
    c = run(c, { type: 'approve', note: 'agreed' }, apr);
    expect(c).toMatchObject({ status: 'reported', resolution: 'reported', pending: null, closedAt: 1 });
    c = run(c, { type: 'reopen', reason: 'new facts' }, ana);
    expect(c).toMatchObject({ status: 'investigating', resolution: null, closedAt: null });
    c = run(c, { type: 'request_close', resolution: 'false_positive', reason: 'explained' }, ana);
    c = run(c, { type: 'reject', reason: 'not convinced' }, apr);
    expect(c).toMatchObject({ status: 'investigating', pending: null });
  });
});
