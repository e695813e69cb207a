import type { EventInput } from '../core/event-schema.ts';
import type { ReadProgress } from './csv-rows.ts';

export const dataFormats = ['amlsim', 'amlsim-output', 'csv', 'jsonl'] as const;
export type DataFormat = (typeof dataFormats)[number];

export interface AccountLabel {
  readonly suspicious: boolean;
  /** The laundering pattern the data set names for the account (e.g. "cycle", "fan-in"), when known. */
  readonly typology?: string;
}

export interface Labels {
  /** Every labelled account; an account seen in the events but absent here counts as not suspicious. */
  readonly accounts: Map<string, AccountLabel>;
  /**
   * Ids of suspicious events, when the layout labels transactions. Without it a transaction is taken as
   * suspicious when both its debtor and its creditor accounts are (see docs/backtesting.md).
   */
  readonly transactions?: ReadonlySet<string>;
}

/** A row the importer could not turn into an event. */
export interface Rejected {
  readonly file: string;
  readonly line: number;
  /** A short stable key the report counts rows by: `invalid-json`, `schema /amount`, `duplicate-id`, an error code, … */
  readonly reason: string;
  readonly message: string;
}

/** A data set opened for streaming: events are read once, in file order. */
export interface Dataset {
  readonly format: DataFormat;
  readonly files: readonly string[];
  readonly progress: ReadProgress;
  events(): AsyncIterable<EventInput>;
  /** Labels shipped with the data, if any. Call after `events()` is consumed. */
  labels(): Promise<Labels | undefined>;
  /** Rows rejected so far (the first 100), how many in all, and how many per reason. */
  readonly rejected: Rejected[];
  rejectedCount: number;
  readonly rejectedByReason: Record<string, number>;
  /** The file line of the event `events()` yielded last, so later checks can name the row. */
  lastLine: number;
}

export interface ImportOptions {
  /** Currency of simulated amounts (AMLSim has none): "USD" (default) or any ISO 4217 code with 2 decimals. */
  readonly currency?: string;
  /** Instant of step 0 for simulated time steps; RFC 3339, default 2026-01-01T00:00:00+08:00 (midnight in Beijing). */
  readonly epoch?: string;
}

export const maxRejectedKept = 100;

export function reject(
  ds: { rejected: Rejected[]; rejectedCount: number; rejectedByReason: Record<string, number> },
  r: Rejected,
): void {
  ds.rejectedCount++;
  ds.rejectedByReason[r.reason] = (ds.rejectedByReason[r.reason] ?? 0) + 1;
  if (ds.rejected.length < maxRejectedKept) ds.rejected.push(r);
}
