// The case page's workflow commands as registered actions: a predicate over the case and the operator
// (what is offered) and a perform over the API (what is done). Pure apart from the API call passed in.
// The predicates follow the server's workflow (src/cases/core/workflow.ts); the server still decides.
import type { CaseRecord, Resolution } from '../../api/types.ts';
import { can } from '../../lib/roles.ts';

export interface Operator {
  id: string;
  username: string;
  roles: readonly string[];
}

export type ActionInput = { reason?: string; resolution?: Resolution; note?: string };

export type CaseActionBody =
  | { type: 'assign'; assignee: string }
  | { type: 'start' }
  | { type: 'escalate'; reason: string }
  | { type: 'resume' }
  | { type: 'request_close'; resolution: Resolution; reason: string }
  | { type: 'approve'; note?: string }
  | { type: 'reject'; reason: string }
  | { type: 'reopen'; reason: string };

export interface CaseCommand {
  id: 'assign_me' | 'start' | 'escalate' | 'resume' | 'request_close' | 'approve' | 'reject' | 'reopen';
  /** What the operator must type first. */
  asks: 'nothing' | 'reason' | 'resolution' | 'note';
  primary?: boolean;
  danger?: boolean;
  predicate(c: CaseRecord, me: Operator): boolean;
  body(c: CaseRecord, me: Operator, input: ActionInput): CaseActionBody;
}

const active = (c: CaseRecord) => ['open', 'assigned', 'investigating', 'escalated'].includes(c.status);
const closed = (c: CaseRecord) => !active(c);
const works = (me: Operator) => can(me.roles, 'cases:work');

export const caseCommands: readonly CaseCommand[] = [
  {
    id: 'assign_me',
    asks: 'nothing',
    predicate: (c, me) => works(me) && active(c) && c.assignee !== me.id && !c.pending,
    body: (_c, me) => ({ type: 'assign', assignee: me.id }),
  },
  {
    id: 'start',
    asks: 'nothing',
    primary: true,
    predicate: (c, me) => works(me) && c.status === 'assigned' && !c.pending,
    body: () => ({ type: 'start' }),
  },
  {
    id: 'escalate',
    asks: 'reason',
    predicate: (c, me) => works(me) && c.status === 'investigating' && !c.pending,
    body: (_c, _me, i) => ({ type: 'escalate', reason: i.reason ?? '' }),
  },
  {
    id: 'resume',
    asks: 'nothing',
    predicate: (c, me) => works(me) && c.status === 'escalated' && !c.pending,
    body: () => ({ type: 'resume' }),
  },
  {
    id: 'request_close',
    asks: 'resolution',
    primary: true,
    predicate: (c, me) => works(me) && (c.status === 'investigating' || c.status === 'escalated') && !c.pending,
    body: (_c, _me, i) => ({ type: 'request_close', resolution: i.resolution ?? 'no_report', reason: i.reason ?? '' }),
  },
  {
    // Four eyes: only an approver who did not ask for the closure is offered the decision.
    id: 'approve',
    asks: 'note',
    primary: true,
    predicate: (c, me) => c.pending !== null && can(me.roles, 'cases:approve') && c.pending.requestedBy !== me.id,
    body: (_c, _me, i) => ({ type: 'approve', ...(i.note ? { note: i.note } : {}) }),
  },
  {
    id: 'reject',
    asks: 'reason',
    danger: true,
    predicate: (c, me) => c.pending !== null && can(me.roles, 'cases:approve') && c.pending.requestedBy !== me.id,
    body: (_c, _me, i) => ({ type: 'reject', reason: i.reason ?? '' }),
  },
  {
    id: 'reopen',
    asks: 'reason',
    predicate: (c, me) => works(me) && closed(c),
    body: (_c, _me, i) => ({ type: 'reopen', reason: i.reason ?? '' }),
  },
];

export function commandsFor(c: CaseRecord, me: Operator): CaseCommand[] {
  return caseCommands.filter((a) => a.predicate(c, me));
}
