// Rule-set lifecycle steps as registered actions: a predicate over the version and the operator (what is
// offered) and the call it makes. They follow src/monitoring/ruleset-lifecycle.ts; the server still decides
// (four eyes: ZHILI_E_FOUR_EYES for the author or submitter).
import { can } from '../../lib/roles.ts';
import type { RuleSetDetail } from './types.ts';

export interface Me {
  id: string;
  roles: readonly string[];
}

export type RuleSetVerb = 'submit' | 'approve' | 'reject' | 'activate' | 'shadow' | 'unshadow' | 'rollback';

export interface RuleSetCommand {
  id: RuleSetVerb;
  /** A rollback needs a reason; the others take an optional note. */
  asks: 'note' | 'reason';
  primary?: boolean;
  danger?: boolean;
  predicate(v: RuleSetDetail, me: Me): boolean;
}

/** The author and every submitter: they may not approve or reject the version. */
export function makersOf(v: RuleSetDetail): Set<string> {
  return new Set([v.createdBy, ...v.history.filter((h) => h.action === 'submit').map((h) => h.actorId)]);
}

const checker = (v: RuleSetDetail, me: Me) => can(me.roles, 'rules:approve') && !makersOf(v).has(me.id);

export const ruleSetCommands: readonly RuleSetCommand[] = [
  {
    id: 'submit',
    asks: 'note',
    primary: true,
    predicate: (v, me) => v.status === 'draft' && can(me.roles, 'rules:write'),
  },
  { id: 'approve', asks: 'note', primary: true, predicate: (v, me) => v.status === 'submitted' && checker(v, me) },
  {
    id: 'reject',
    asks: 'note',
    danger: true,
    predicate: (v, me) => (v.status === 'submitted' || (v.status === 'approved' && !v.active)) && checker(v, me),
  },
  {
    id: 'activate',
    asks: 'note',
    primary: true,
    predicate: (v, me) => v.status === 'approved' && !v.active && can(me.roles, 'rules:write'),
  },
  {
    id: 'shadow',
    asks: 'note',
    predicate: (v, me) => v.status === 'approved' && !v.active && !v.shadow && can(me.roles, 'rules:write'),
  },
  { id: 'unshadow', asks: 'note', predicate: (v, me) => v.shadow && can(me.roles, 'rules:write') },
  {
    id: 'rollback',
    asks: 'reason',
    danger: true,
    predicate: (v, me) =>
      (v.status === 'approved' || v.status === 'superseded') && !v.active && can(me.roles, 'rules:rollback'),
  },
];

export const ruleSetCommandsFor = (v: RuleSetDetail, me: Me): RuleSetCommand[] =>
  ruleSetCommands.filter((c) => c.predicate(v, me));
