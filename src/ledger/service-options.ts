import type { Clock } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import type { KeyEncryptionKey } from './keys.ts';
import type { LedgerStore } from './store/port.ts';

export interface LedgerServiceOptions {
  /**
   * The main store: committed decisions are read from it in commit order. The supervision hub, which
   * has no decisions, gives one that has none (its ledger holds the hub's own actions only).
   */
  store: Pick<Store, 'scanDecisions' | 'getDecision'>;
  ledger: LedgerStore;
  clock: Clock;
  /** The log's origin line, also the signing key's name. */
  origin?: string;
  checkpointIntervalMs?: number;
  pollMs?: number;
  /**
   * False when another instance (the background thread) tails committed decisions: this one then
   * appends only on demand (operator actions, proofs, catchUp) and never polls.
   */
  poll?: boolean;
  batchSize?: number;
  /**
   * The master key (key-encryption key): the signing key is stored wrapped under it. One of this or
   * keySecret is required — the signing key is never stored in clear.
   */
  masterKey?: KeyEncryptionKey | undefined;
  /** When set, the signing key is wrapped under a key derived from it instead (ZHILI_LEDGER_KEY_SECRET). */
  keySecret?: string | undefined;
  onError?: (e: unknown) => void;
}

export interface LedgerLag {
  size: number;
  sourceSeq: number;
  pendingAudits: number;
  /** True when the last scan of the main store found nothing more to append. */
  caughtUp: boolean;
  /** Milliseconds since the ledger was last known to be caught up (0 when it is). */
  lagMs: number;
  checkpointSize: number;
  checkpointAgeMs: number;
}
