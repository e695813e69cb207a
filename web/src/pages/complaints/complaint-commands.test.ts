// Which workflow steps each operator is offered on a complaint, and why four eyes withholds approval.
import { describe, expect, it } from 'vitest';
import { actionBody, commandsFor, needsFourEyes, toMinor } from './complaint-commands.ts';
import type { ComplaintView } from './types.ts';

const complaint = (over: Partial<ComplaintView>): ComplaintView => ({
  id: 'cmp_1',
  customerId: 'cust-1',
  channel: 'phone',
  category: 'B05',
  cause: 'C05',
  eventIds: [],
  loanIds: [],
  regulator: 'pboc',
  receivedAt: '2026-11-02T02:00:00.000Z',
  complexity: 'normal',
  state: 'received',
  reopened: 0,
  version: 1,
  contentHash: 'h',
  clock: {
    regulator: 'pboc',
    source: 'PBOC',
    dayKind: 'calendar',
    days: 15,
    receivedDate: '2026-11-02',
    decisionBy: '2026-11-17',
    calendarCovered: true,
    daysLeft: 5,
    status: 'on_time',
  },
  actions: ['acknowledge', 'investigate', 'extend'],
  ...over,
});
const proposed = (value: string, by = 'usr_ana') =>
  complaint({
    state: 'decision_proposed',
    actions: ['extend', 'approve', 'return'],
    proposal: {
      outcome: 'upheld',
      compensation: { value, currency: 'CNY' },
      proposedBy: by,
      proposedAt: '2026-11-03T00:00:00Z',
    },
  });
const ana = { id: 'usr_ana', roles: ['analyst'] };
const apr = { id: 'usr_apr', roles: ['approver'] };
const aud = { id: 'usr_aud', roles: ['auditor'] };
const rules = { thresholds: { CNY: 100_000 } };
const ids = (xs: ReturnType<typeof commandsFor>) => xs.map((x) => x.command.id);

describe('complaint commands', () => {
  it('offers the steps open in the state to a handler, none to an auditor', () => {
    expect(ids(commandsFor(complaint({}), ana, rules))).toEqual(['acknowledge', 'investigate', 'extend']);
    expect(commandsFor(complaint({}), aud, rules)).toEqual([]);
  });

  it('offers an approver only approval of a proposal, not the handling steps', () => {
    expect(ids(commandsFor(proposed('2000.00'), apr, rules))).toEqual(['approve']);
    expect(commandsFor(proposed('2000.00'), apr, rules)[0]?.withheld).toBeUndefined();
  });

  it('withholds approval above the threshold from the proposer, and says why', () => {
    const own = commandsFor(proposed('2000.00'), ana, rules).find((x) => x.command.id === 'approve');
    expect(own?.withheld).toBe('own_proposal');
    const other = commandsFor(proposed('2000.00', 'usr_bob'), ana, rules).find((x) => x.command.id === 'approve');
    expect(other?.withheld).toBe('approver_role');
  });

  it('lets the proposer approve at or below the threshold (no four eyes)', () => {
    const small = commandsFor(proposed('1000.00'), ana, rules).find((x) => x.command.id === 'approve');
    expect(small?.withheld).toBeUndefined();
    expect(needsFourEyes(proposed('0.00'), rules)).toBe(false);
    expect(needsFourEyes(proposed('1000.01'), rules)).toBe(true);
  });

  it('needs four eyes for any compensation in a currency without a threshold', () => {
    const usd = proposed('1.00');
    usd.proposal = { ...usd.proposal!, compensation: { value: '1.00', currency: 'USD' } };
    expect(needsFourEyes(usd, rules)).toBe(true);
  });

  it('converts decimal amounts to minor units without floats', () => {
    expect(toMinor('2000.00', 'CNY')).toBe(200_000);
    expect(toMinor('0.1', 'CNY')).toBe(10);
    expect(toMinor('100', 'JPY')).toBe(100);
    expect(toMinor('1.001', 'CNY')).toBeUndefined();
    expect(toMinor('abc', 'CNY')).toBeUndefined();
  });

  it('sends the proposal with its compensation and the version the operator saw', () => {
    const c = complaint({ state: 'investigating', actions: ['propose'], version: 4 });
    const [offer] = commandsFor(c, ana, rules);
    expect(
      actionBody(offer!.command, { outcome: 'upheld', amount: '2000.00', currency: 'CNY', rootCause: 'fee' }, c),
    ).toEqual({
      action: 'propose',
      outcome: 'upheld',
      compensation: { value: '2000.00', currency: 'CNY' },
      rootCause: 'fee',
      expectedVersion: 4,
    });
    expect(actionBody(offer!.command, { outcome: 'rejected', amount: '5.00' }, c)).toEqual({
      action: 'propose',
      outcome: 'rejected',
      expectedVersion: 4,
    });
  });
});
