import type { FxTable } from '../../kernel/index.ts';
import { normalizeEvent, type NormalizedEvent } from '../core/normalize.ts';
import { maxRejectedKept } from '../importers/types.ts';
import type { Dataset, Rejected } from '../importers/index.ts';
import { EntityInterner } from './intern.ts';

export interface LoadedEvents {
  /** Normalized events in event-time order (file order among equal times). */
  readonly events: NormalizedEvent[];
  readonly read: number;
  readonly rejectedCount: number;
  readonly rejected: Rejected[];
  readonly rejectedByReason: Record<string, number>;
  readonly seconds: number;
}

/**
 * Reads a data set once, normalizing each event with the production normalizer as it streams in (only
 * the normalized form is kept, with one string per entity id: intern.ts), then sorts by event time. Duplicate event ids are rejected as the API
 * would refuse them.
 */
export async function loadEvents(
  ds: Dataset,
  ctx: { timeZone: string; fx: FxTable; onProgress?: (bytesRead: number, bytesTotal: number) => void },
): Promise<LoadedEvents> {
  const started = performance.now();
  const events: NormalizedEvent[] = [];
  const ids = new Set<string>();
  const interner = new EntityInterner();
  let read = 0;
  const file = ds.files[0] ?? '';
  const reject = (line: number, reason: string, message: string): void => {
    ds.rejectedCount++;
    ds.rejectedByReason[reason] = (ds.rejectedByReason[reason] ?? 0) + 1;
    if (ds.rejected.length < maxRejectedKept) ds.rejected.push({ file, line, reason, message });
  };
  for await (const input of ds.events()) {
    read++;
    if (ids.has(input.id)) {
      reject(ds.lastLine, 'duplicate-id', `duplicate event id ${input.id}`);
      continue;
    }
    const n = normalizeEvent(input, ctx);
    if (!n.ok) {
      const first = n.errors[0];
      reject(
        ds.lastLine,
        first ? `${first.code} ${first.pointer}` : 'invalid',
        `${input.id}: ${n.errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}`,
      );
      continue;
    }
    ids.add(input.id);
    events.push(interner.event(n.event));
    if (ctx.onProgress && (read & 0x3fff) === 0) ctx.onProgress(ds.progress.bytesRead, ds.progress.bytesTotal);
  }
  events.sort((a, b) => a.time - b.time);
  ctx.onProgress?.(ds.progress.bytesTotal, ds.progress.bytesTotal);
  return {
    events,
    read,
    rejectedCount: ds.rejectedCount,
    rejected: ds.rejected,
    rejectedByReason: ds.rejectedByReason,
    seconds: (performance.now() - started) / 1000,
  };
}
