// The complaint queue's filters and order, apart from React.
import { byUrgency } from './clock.ts';
import type { ComplaintView } from './types.ts';

export interface QueueFilter {
  states?: readonly string[];
  category?: string | undefined;
  channel?: string | undefined;
  /** Only complaints whose clock is due soon or breached. */
  warnings?: boolean;
}

export const clockOf = (c: ComplaintView) => ({
  status: c.clock.status,
  due: c.clock.decisionBy,
  daysLeft: c.clock.daysLeft,
});

export function filterQueue(list: readonly ComplaintView[], f: QueueFilter): ComplaintView[] {
  return list
    .filter((c) => !f.states?.length || f.states.includes(c.state))
    .filter((c) => !f.category || c.category === f.category)
    .filter((c) => !f.channel || c.channel === f.channel)
    .filter((c) => !f.warnings || c.clock.status === 'due_soon' || c.clock.status === 'breached')
    .sort((a, b) => byUrgency(clockOf(a), clockOf(b)));
}

export const openStates = ['received', 'acknowledged', 'investigating', 'decision_proposed', 'decision_approved'];
