/**
 * Every method of `inner` (own and inherited), bound to it, for decorators that override a few methods
 * of a wide port and pass the rest through unchanged.
 */
export function delegate<T extends object>(inner: T): T {
  const out: Record<string, unknown> = {};
  for (let o: object | null = inner; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (k === 'constructor' || k in out) continue;
      const v = (inner as Record<string, unknown>)[k];
      out[k] = typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(inner) : v;
    }
  }
  return out as T;
}
