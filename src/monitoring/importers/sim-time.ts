import { parseTimestamp } from '../../kernel/index.ts';

const DAY = 86_400_000;

/**
 * Simulators count time in day steps. Step s becomes `epoch + s days`, plus one second per earlier
 * event of the same step (capped at the day's last second), so events of one day keep their file
 * order and stay inside the day. The same input always gives the same instants.
 */
export class SimClock {
  private readonly epochMs: number;
  private readonly perStep = new Map<number, number>();

  constructor(epoch = '2026-01-01T00:00:00+08:00') {
    const t = parseTimestamp(epoch);
    if (t === undefined) throw new RangeError(`bad epoch ${epoch}: use RFC 3339, e.g. 2026-01-01T00:00:00Z`);
    this.epochMs = t;
  }

  /** RFC 3339 instant of the next event at `step`, or undefined when the step is not a whole number. */
  at(step: number): string | undefined {
    if (!Number.isInteger(step) || step < 0 || step > 1_000_000) return undefined;
    const n = this.perStep.get(step) ?? 0;
    this.perStep.set(step, n + 1);
    return new Date(this.epochMs + step * DAY + Math.min(n, 86_399) * 1000).toISOString();
  }
}

/**
 * A simulator's float amount ("147.8", "11.507") as a decimal string with 2 decimals, rounded half
 * away from zero to the cent; undefined when it is not a non-negative finite number.
 */
export function centsString(raw: string): string | undefined {
  const x = Number(raw);
  if (raw === '' || !Number.isFinite(x) || x < 0) return undefined;
  const cents = Math.round(x * 100 + 1e-9);
  if (!Number.isSafeInteger(cents)) return undefined;
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
