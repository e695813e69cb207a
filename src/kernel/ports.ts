/** Time source passed into cores and services, so that decisions can be replayed exactly. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** Identifier source: prefixed, time-sortable ids (`evt_…`, `case_…`). */
export interface Ids {
  next(prefix: string): string;
  /** Unguessable secret material (API keys, tokens), base64url. */
  secret(bytes?: number): string;
}

export function fixedClock(epochMs: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let t = epochMs;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/**
 * Where operator actions are recorded for the audit ledger. Entries carry ids and hashes, never
 * personal data; the promise resolves once the record is durable.
 */
export type AuditSink = (entry: {
  tenantId: string;
  action: string;
  actorId: string;
  subjectId?: string;
  dataHash?: string;
  at: number;
}) => Promise<unknown>;
