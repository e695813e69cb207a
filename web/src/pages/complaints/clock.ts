// How a statutory clock reads in the console: its colour, its words and how urgent it is. Pure, so the
// queue's order and the tags are unit-tested; complaints and data-subject requests share it.
import type { Tone } from '../../lib/tone.ts';

export type ClockStatus = 'on_time' | 'due_soon' | 'breached' | 'met' | 'met_late' | 'stopped';

export interface ClockLike {
  status: string;
  /** Last local day (complaints: decisionBy, requests: dueBy). */
  due: string;
  daysLeft?: number | undefined;
}

export interface ClockDisplay {
  tone: Tone;
  /** i18n key under `clock.` */
  key: ClockStatus | 'unknown';
  /** Days left (on time, due soon) or days past (breached). */
  days?: number;
  due: string;
}

const known = new Set<string>(['on_time', 'due_soon', 'breached', 'met', 'met_late', 'stopped']);
const tones: Record<ClockStatus, Tone> = {
  on_time: 'green',
  due_soon: 'orange',
  breached: 'red',
  met: 'cyan',
  met_late: 'volcano',
  stopped: 'default',
};

export function clockDisplay(c: ClockLike): ClockDisplay {
  if (!known.has(c.status)) return { tone: 'default', key: 'unknown', due: c.due };
  const key = c.status as ClockStatus;
  const base = { tone: tones[key], key, due: c.due };
  if (key === 'breached' && c.daysLeft !== undefined) return { ...base, days: -c.daysLeft };
  if ((key === 'on_time' || key === 'due_soon') && c.daysLeft !== undefined) return { ...base, days: c.daysLeft };
  return base;
}

const rank: Record<string, number> = { breached: 0, due_soon: 1, on_time: 2, stopped: 3, met_late: 4, met: 5 };

/** Most urgent first: breached, then due soon, then on time; within each, the earliest deadline first. */
export function byUrgency(a: ClockLike, b: ClockLike): number {
  return (rank[a.status] ?? 6) - (rank[b.status] ?? 6) || a.due.localeCompare(b.due);
}
