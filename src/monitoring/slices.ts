/** Wall time (ms) a batch being decided may hold the event loop before it lets other work run. */
export const SLICE_MS = 4;
/** Items started between two looks at the clock. */
const CHECK_EVERY = 8;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Starts `start` for every item, in order, yielding to the event loop whenever the items started since
 * the last yield have held it for `sliceMs`; resolves with every result, in order. Deciding 1,000 events
 * in one turn blocks the loop for 100 ms or more: single events, health checks and the commits of other
 * requests wait behind it, and the event-loop guard (src/http/pressure.ts), which samples that lag, took
 * it for overload and refused the next batches. Work started in one slice continues in microtasks, which
 * run before the loop turns, so a slice ends with its items decided and queued for the group commit.
 */
export async function inSlices<T, R>(
  items: readonly T[],
  start: (item: T, index: number) => Promise<R>,
  sliceMs = SLICE_MS,
): Promise<R[]> {
  const started: Promise<R>[] = [];
  let since = performance.now();
  for (const [i, item] of items.entries()) {
    started.push(start(item, i));
    if (i % CHECK_EVERY !== CHECK_EVERY - 1) continue;
    // The items started so far run up to their next await, so the clock below counts their work.
    await Promise.resolve();
    if (performance.now() - since < sliceMs) continue;
    await nextTurn();
    since = performance.now();
  }
  return Promise.all(started);
}
