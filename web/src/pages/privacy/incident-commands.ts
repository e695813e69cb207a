// An incident's steps as registered actions, and how each authority's notice clock reads. The report
// is approved by someone other than its author (four eyes); closing needs the approved report.
import { can, type Capability } from '../../lib/roles.ts';
import type { Tone } from '../../lib/tone.ts';
import type { IncidentView, Notice } from './types.ts';

export interface Me {
  id: string;
  roles: readonly string[];
}

export type IncidentCommandId = 'contain' | 'resolve' | 'report' | 'approve_report' | 'close';
export type IncidentWithheld = 'author' | 'report_first';

export interface IncidentCommand {
  id: IncidentCommandId;
  needs: Capability;
  primary?: boolean;
  offered(i: IncidentView): boolean;
  withheld?(i: IncidentView, me: Me): IncidentWithheld | undefined;
}

export const incidentCommands: readonly IncidentCommand[] = [
  { id: 'contain', needs: 'incidents:write', offered: (i) => i.state === 'open' },
  { id: 'resolve', needs: 'incidents:write', offered: (i) => i.state === 'open' || i.state === 'contained' },
  { id: 'report', needs: 'incidents:write', offered: (i) => i.state === 'resolved' },
  {
    id: 'approve_report',
    needs: 'incidents:approve',
    primary: true,
    offered: (i) => i.report !== undefined && i.report.approvedBy === undefined,
    withheld: (i, me) => (i.report?.author === me.id ? 'author' : undefined),
  },
  {
    id: 'close',
    needs: 'incidents:write',
    primary: true,
    offered: (i) => i.state === 'resolved',
    withheld: (i) => (i.report?.approvedBy ? undefined : 'report_first'),
  },
];

export function incidentCommandsFor(i: IncidentView, me: Me) {
  return incidentCommands
    .filter((c) => c.offered(i) && can(me.roles, c.needs))
    .map((command) => ({ command, withheld: command.withheld?.(i, me) }));
}

/** Notices still to be sent (the operator records each one with the authority's reference). */
export const unsent = (i: IncidentView): Notice[] =>
  i.state === 'closed' ? [] : i.notices.filter((n) => n.status !== 'sent' && n.status !== 'sent_late');

export interface NoticeDisplay {
  tone: Tone;
  key: 'pending' | 'due_soon' | 'overdue' | 'sent' | 'sent_late' | 'unknown';
  /** Whole hours and remaining minutes, left (pending, due soon) or past (overdue). */
  h?: number;
  m?: number;
}

const tones: Record<string, Tone> = {
  pending: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  sent: 'green',
  sent_late: 'volcano',
};

export function noticeDisplay(n: Pick<Notice, 'status' | 'minutesLeft'>): NoticeDisplay {
  const tone = tones[n.status];
  if (!tone) return { tone: 'default', key: 'unknown' };
  const key = n.status as NoticeDisplay['key'];
  if (n.minutesLeft === undefined || key === 'sent' || key === 'sent_late') return { tone, key };
  const mins = Math.abs(n.minutesLeft);
  return { tone, key, h: Math.floor(mins / 60), m: mins % 60 };
}

/** Most urgent first: overdue, then due soon, then pending (by due time); sent ones last. */
export function byNoticeUrgency(a: Notice, b: Notice): number {
  const rank: Record<string, number> = { overdue: 0, due_soon: 1, pending: 2, sent_late: 3, sent: 4 };
  return (rank[a.status] ?? 5) - (rank[b.status] ?? 5) || a.dueAt.localeCompare(b.dueAt);
}
