// Decisions on a customer's screening hit as registered actions: what a reviewer is offered, and the
// body sent. The server (src/parties) decides and records; these only keep the console from offering
// what the role may not do. Four eyes on a true match that blocks: the first reviewer's confirmation
// only requests it; a second operator with the approver role, not the requester, decides.
import { can } from '../../lib/roles.ts';
import type { PartyHit } from './types.ts';

export interface Me {
  id: string;
  roles: readonly string[];
}

export interface HitCommand {
  id: 'false_positive' | 'confirmed' | 'request_confirm' | 'approve_confirm' | 'refuse_confirm';
  decision: 'false_positive' | 'confirmed';
  danger?: boolean;
  predicate(h: PartyHit, me: Me): boolean;
}

const reviews = (h: PartyHit, me: Me) => h.status === 'open' && can(me.roles, 'screening:review');
const secondEyes = (h: PartyHit, me: Me) =>
  h.status === 'confirm_requested' && can(me.roles, 'screening:approve') && h.decidedBy !== me.id;

export const hitCommands: readonly HitCommand[] = [
  { id: 'false_positive', decision: 'false_positive', predicate: reviews },
  {
    id: 'confirmed',
    decision: 'confirmed',
    danger: true,
    predicate: (h, me) => reviews(h, me) && h.recommendation !== 'block',
  },
  {
    id: 'request_confirm',
    decision: 'confirmed',
    danger: true,
    predicate: (h, me) => reviews(h, me) && h.recommendation === 'block',
  },
  { id: 'approve_confirm', decision: 'confirmed', danger: true, predicate: secondEyes },
  { id: 'refuse_confirm', decision: 'false_positive', predicate: secondEyes },
];

export const hitCommandsFor = (h: PartyHit, me: Me): HitCommand[] => hitCommands.filter((c) => c.predicate(h, me));
