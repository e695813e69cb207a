// A disclosure version's steps as registered actions: offered by state and role, approval withheld from
// whoever computed or submitted the version (four eyes), as the server's workflow (src/disclosure/core).
import { can, type Capability } from '../../lib/roles.ts';
import type { DisclosureAction, DisclosureView } from './types.ts';

export interface Me {
  id: string;
  roles: readonly string[];
}

export interface DisclosureCommand {
  id: DisclosureAction;
  from: readonly DisclosureView['state'][];
  needs: Capability;
  primary?: boolean;
  withheld?(d: DisclosureView, me: Me): 'own_version' | undefined;
}

export const disclosureCommands: readonly DisclosureCommand[] = [
  { id: 'submit', from: ['draft'], needs: 'disclosures:write', primary: true },
  {
    id: 'approve',
    from: ['submitted'],
    needs: 'disclosures:approve',
    primary: true,
    withheld: (d, me) => (d.computedBy === me.id || d.submittedBy === me.id ? 'own_version' : undefined),
  },
  { id: 'publish', from: ['approved'], needs: 'disclosures:publish', primary: true },
  { id: 'reject', from: ['submitted', 'approved'], needs: 'disclosures:write' },
  { id: 'discard', from: ['draft', 'submitted', 'approved'], needs: 'disclosures:write' },
];

export function disclosureCommandsFor(d: DisclosureView, me: Me) {
  return disclosureCommands
    .filter((c) => c.from.includes(d.state) && can(me.roles, c.needs))
    .map((command) => ({ command, withheld: command.withheld?.(d, me) }));
}

/** A month already published is corrected: the new version needs a reason. */
export function needsReason(versions: readonly Pick<DisclosureView, 'period' | 'state'>[], period: string): boolean {
  return versions.some((v) => v.period === period && v.state === 'published');
}

/** The month before the one holding `today` (YYYY-MM-DD): the latest one that has ended. */
export function lastEndedMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The public page of a published month. */
export const publicPage = (tenantId: string, period: string, lang: string) =>
  `/portal/${encodeURIComponent(tenantId)}/disclosures/${period}?lang=${lang.startsWith('en') ? 'en' : 'zh-CN'}`;
