// A complaint's workflow steps as registered actions: which ones this operator is offered (the step is
// open in the complaint's state and the role may take it), why one is withheld (four eyes), and the
// body sent. The server decides (src/protection/core/workflow.ts); this keeps the console honest.
import { can, type Capability } from '../../lib/roles.ts';
import type { ComplaintActionBody, ComplaintView } from './types.ts';

export interface Me {
  id: string;
  roles: readonly string[];
}

/** Four-eyes thresholds per currency in minor units (GET /v1/complaints/settings). */
export interface FourEyes {
  thresholds: Record<string, number>;
}

export interface ActionInput {
  outcome?: 'upheld' | 'partially_upheld' | 'rejected';
  amount?: string;
  currency?: string;
  rootCause?: string;
  reason?: string;
  to?: string;
  consumerNotified?: boolean;
}

export type CommandId =
  | 'acknowledge'
  | 'investigate'
  | 'extend'
  | 'propose'
  | 'approve'
  | 'return'
  | 'communicate'
  | 'close'
  | 'escalate'
  | 'reopen';

/** Why an open step is not this operator's to take. */
export type Withheld = 'own_proposal' | 'approver_role';

export interface ComplaintCommand {
  id: CommandId;
  asks: 'nothing' | 'extension' | 'proposal' | 'reason' | 'escalation';
  needs: Capability;
  primary?: boolean;
  withheld?(c: ComplaintView, me: Me, rules: FourEyes): Withheld | undefined;
  body(input: ActionInput, c: ComplaintView): ComplaintActionBody;
}

const digits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** A decimal string ("2000.00") in the currency's minor units, without a float; undefined when not a number. */
export function toMinor(value: string, currency: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return undefined;
  const d = digits(currency);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > d) return undefined;
  const n = Number(`${m[1] ?? '0'}${frac.padEnd(d, '0')}`);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** As the server's needsFourEyes: compensation above the currency's threshold (none set: always). */
export function needsFourEyes(c: ComplaintView, rules: FourEyes): boolean {
  const p = c.proposal;
  if (!p) return false;
  const minor = toMinor(p.compensation.value, p.compensation.currency);
  if (minor === undefined || minor === 0) return false;
  const limit = rules.thresholds[p.compensation.currency];
  return limit === undefined || minor > limit;
}

const plain = (id: 'acknowledge' | 'investigate' | 'approve' | 'communicate' | 'close' | 'reopen') => () =>
  ({ action: id }) as ComplaintActionBody;

export const complaintCommands: readonly ComplaintCommand[] = [
  { id: 'acknowledge', asks: 'nothing', needs: 'complaints:write', primary: true, body: plain('acknowledge') },
  { id: 'investigate', asks: 'nothing', needs: 'complaints:write', primary: true, body: plain('investigate') },
  {
    id: 'propose',
    asks: 'proposal',
    needs: 'complaints:write',
    primary: true,
    body: (i) => ({
      action: 'propose',
      outcome: i.outcome ?? 'upheld',
      ...(i.outcome !== 'rejected' && i.amount
        ? { compensation: { value: i.amount, currency: i.currency ?? 'CNY' } }
        : {}),
      ...(i.rootCause ? { rootCause: i.rootCause } : {}),
    }),
  },
  {
    // Four eyes above the threshold: a second operator holding the approver role, never the proposer.
    id: 'approve',
    asks: 'nothing',
    needs: 'complaints:approve',
    primary: true,
    withheld: (c, me, rules) => {
      if (!needsFourEyes(c, rules)) return undefined;
      if (c.proposal?.proposedBy === me.id) return 'own_proposal';
      return me.roles.includes('approver') ? undefined : 'approver_role';
    },
    body: plain('approve'),
  },
  {
    id: 'return',
    asks: 'reason',
    needs: 'complaints:write',
    body: (i) => ({ action: 'return', reason: i.reason ?? '' }),
  },
  { id: 'communicate', asks: 'nothing', needs: 'complaints:write', primary: true, body: plain('communicate') },
  { id: 'close', asks: 'nothing', needs: 'complaints:write', primary: true, body: plain('close') },
  {
    id: 'extend',
    asks: 'extension',
    needs: 'complaints:write',
    body: (i) => ({
      action: 'extend',
      to: i.to === 'special' ? 'special' : 'complex',
      consumerNotified: i.consumerNotified === true,
    }),
  },
  {
    id: 'escalate',
    asks: 'escalation',
    needs: 'complaints:write',
    body: (i) => ({ action: 'escalate', to: i.to === 'regulator' ? 'regulator' : 'mediation' }),
  },
  { id: 'reopen', asks: 'nothing', needs: 'complaints:write', body: plain('reopen') },
];

export interface Offered {
  command: ComplaintCommand;
  withheld?: Withheld | undefined;
}

/** The steps open in this state that the operator's role may take; a withheld one carries its reason. */
export function commandsFor(c: ComplaintView, me: Me, rules: FourEyes): Offered[] {
  return complaintCommands
    .filter((cmd) => c.actions.includes(cmd.id) && can(me.roles, cmd.needs))
    .map((command) => ({ command, withheld: command.withheld?.(c, me, rules) }));
}

/** The body of a step, with the version the operator saw (a concurrent change is refused, not overwritten). */
export function actionBody(cmd: ComplaintCommand, input: ActionInput, c: ComplaintView): ComplaintActionBody {
  return { ...cmd.body(input, c), expectedVersion: c.version };
}
