import type { Pos } from './errors.ts';
import type { CelType } from './types.ts';

export type Impl = (...args: unknown[]) => unknown;

export interface Overload {
  readonly params: readonly CelType[];
  readonly result: CelType;
  /**
   * Builds the implementation once per call site: errors then carry the site's position at no runtime cost,
   * and arguments already known at compile time (`consts[i]`, e.g. a regex pattern) can be prepared once.
   */
  readonly make: (at: Pos, consts: readonly ({ value: unknown } | undefined)[]) => Impl;
  /** Safe to run at compile time when every argument is a constant. */
  readonly pure: boolean;
}

// Implementations are written against the types the checker guarantees; the cast is that guarantee.
export const impl = <F extends (...args: never[]) => unknown>(f: F): Impl => f as unknown as Impl;

export const ov = (params: CelType[], result: CelType, make: (at: Pos) => Impl): Overload => ({
  params,
  result,
  make: (at) => make(at),
  pure: true,
});
