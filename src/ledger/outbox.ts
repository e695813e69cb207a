/**
 * The audit outbox. An operator action's ledger entry is first written to `ledger_outbox` — ideally
 * in the very transaction that performs the action (enqueueAudit with that transaction's SqlExec), so
 * that an acknowledged action can never lose its entry to a crash — and the ledger moves it from
 * there into the tree, deleting the row in the append's own transaction.
 */
import type { OutboxRow as StoreOutboxRow, SqlExec } from '../store/index.ts';
import { auditEntry, encodeEntry, type AuditInput } from './core/entries.ts';
import { INSERT_OUTBOX } from './store/outbox-sql.ts';
import type { LedgerStore } from './store/port.ts';

/**
 * Writes an operator action's outbox row inside the caller's transaction (`x` from SqlDriver.tx on
 * the main database: the same SQLite file or PostgreSQL schema as the ledger). Throws TypeError for
 * an entry that would hold personal data (see auditProblem). Call LedgerService.notify() after the
 * commit to append it at once; otherwise the ledger's poller picks it up.
 */
export async function enqueueAudit(x: SqlExec, input: AuditInput, now: number): Promise<void> {
  const entry = auditEntry(input);
  await x.run(INSERT_OUTBOX, [entry.tenantId, encodeEntry(entry), now]);
}

/**
 * An operator action as an outbox row for a store that writes it itself in the action's transaction
 * (the main store's rule-set, tenant and operator writes); throws TypeError like enqueueAudit.
 */
export function auditOutboxRow(input: AuditInput): StoreOutboxRow {
  return { tenantId: input.tenantId, entry: encodeEntry(auditEntry(input)), createdAt: input.at };
}

interface Waiter {
  entry: string;
  /** The ledger's size when the row was queued: the entry's index is at least this. */
  fromSize: number;
  resolve: (index: number) => void;
  reject: (e: unknown) => void;
}

/** Callers waiting for their outbox rows to reach the ledger (whichever instance appends them). */
export class OutboxWaiters {
  private readonly waiting = new Map<number, Waiter>();

  get size(): number {
    return this.waiting.size;
  }

  wait(id: number, entry: string, fromSize: number): Promise<number> {
    return new Promise((resolve, reject) => this.waiting.set(id, { entry, fromSize, resolve, reject }));
  }

  /** Rows this instance appended, with their indices. */
  appended(done: readonly { id: number; index: number }[]): void {
    for (const { id, index } of done) {
      this.waiting.get(id)?.resolve(index);
      this.waiting.delete(id);
    }
  }

  /** Rows another instance may have appended: find them in the ledger by their exact text. */
  async settleElsewhere(ledger: LedgerStore): Promise<void> {
    if (this.waiting.size === 0) return;
    const ids = [...this.waiting.keys()];
    const queued = new Set(await ledger.stillQueued(ids));
    for (const id of ids) {
      if (queued.has(id)) continue;
      const w = this.waiting.get(id) as Waiter;
      for (let from = w.fromSize; ; from += 1000) {
        const rows = await ledger.readLeaves(from, 1000);
        const hit = rows.find((r) => r.entry === w.entry);
        if (hit || rows.length === 0) {
          if (hit) w.resolve(hit.index);
          else w.reject(new Error('an audit entry left the outbox but is not in the ledger'));
          break;
        }
      }
      this.waiting.delete(id);
    }
  }

  rejectAll(e: unknown): void {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
