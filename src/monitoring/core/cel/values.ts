/**
 * Runtime forms of the CEL values that have no JS primitive of their own. Ints are JS numbers while they are
 * safe integers and bigints beyond (up to int64), so the common case stays on the fast path; uint, timestamp,
 * duration and type values are small immutable classes, so they are told apart at run time, also under dyn.
 */
export class CelUint {
  constructor(readonly v: bigint) {
    Object.freeze(this);
  }
}

/** An instant with nanosecond precision: nanoseconds since 1970-01-01T00:00:00Z. */
export class CelTimestamp {
  constructor(readonly ns: bigint) {
    Object.freeze(this);
  }
}

/** A signed span of time in nanoseconds. */
export class CelDuration {
  constructor(readonly ns: bigint) {
    Object.freeze(this);
  }
}

/** The value of a type denotation such as `int` or `type(x)`. */
export class CelTypeValue {
  constructor(readonly name: string) {
    Object.freeze(this);
  }
}
