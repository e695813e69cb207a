/** Wall time (ms) the preparation of one group commit may hold the event loop before it yields. */
export const SLICE_MS = 4;
/** Items prepared between two looks at the clock. */
const CHECK_EVERY = 32;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `fn` over `items` in chunks of `chunk`, in order, yielding to the event loop whenever the chunks since
 * the last yield have held it for `sliceMs`. A group commit carries up to thousands of decisions: sealing
 * their personal fields and making their rows in one go held the loop for tens of milliseconds (hundreds
 * on a loaded machine), in which no request was read or answered.
 */
export async function chunksInSlices<T, R>(
  items: readonly T[],
  fn: (chunk: readonly T[]) => readonly R[],
  chunk = CHECK_EVERY,
  sliceMs = SLICE_MS,
): Promise<R[]> {
  if (items.length <= chunk) return [...fn(items)];
  const out: R[] = [];
  let since = performance.now();
  for (let i = 0; i < items.length; i += chunk) {
    for (const r of fn(items.slice(i, i + chunk))) out.push(r);
    if (i + chunk >= items.length || performance.now() - since < sliceMs) continue;
    await nextTurn();
    since = performance.now();
  }
  return out;
}
