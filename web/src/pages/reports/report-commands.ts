// Report commands as registered actions: what the operator is offered on a report, and the call it makes.
// Four eyes: the approver is offered approve/reject only on someone else's draft; the server decides.
import type { ReportRecord } from '../../api/types.ts';
import { can } from '../../lib/roles.ts';

export interface Me {
  id: string;
  roles: readonly string[];
}

export interface ReportCommand {
  id: 'approve' | 'reject' | 'submit';
  asks: 'note' | 'reason' | 'nothing';
  primary?: boolean;
  danger?: boolean;
  predicate(r: ReportRecord, me: Me): boolean;
}

export const reportCommands: readonly ReportCommand[] = [
  {
    id: 'approve',
    asks: 'note',
    primary: true,
    predicate: (r, me) => r.status === 'draft' && can(me.roles, 'reports:approve') && r.createdBy !== me.id,
  },
  {
    id: 'reject',
    asks: 'reason',
    danger: true,
    predicate: (r, me) => r.status === 'draft' && can(me.roles, 'reports:approve') && r.createdBy !== me.id,
  },
  {
    id: 'submit',
    asks: 'nothing',
    primary: true,
    predicate: (r, me) => r.status === 'approved' && can(me.roles, 'reports:write'),
  },
];

export const reportCommandsFor = (r: ReportRecord, me: Me): ReportCommand[] =>
  reportCommands.filter((c) => c.predicate(r, me));

/** The leaf fields of a report file, in document order, as path → value. */
export function reportFields(xml: string): { path: string; value: string }[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const out: { path: string; value: string }[] = [];
  const walk = (el: Element, path: string) => {
    const here = `${path}/${el.localName}`;
    if (el.children.length === 0) out.push({ path: here, value: el.textContent ?? '' });
    for (const c of Array.from(el.children)) walk(c, here);
  };
  if (doc.documentElement && doc.getElementsByTagName('parsererror').length === 0) walk(doc.documentElement, '');
  return out;
}
