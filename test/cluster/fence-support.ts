import type pg from 'pg';
import type { DecisionRecord, TxExecutor } from '../../src/store/index.ts';
import { decisionRecord as storeRecord } from '../../src/store/decision-record.fixture.ts';

/** Runs `fn` in a transaction of its own, committed or rolled back as asked (a fence check alone). */
export async function inTransaction<T>(pool: pg.Pool, fn: (tx: TxExecutor) => Promise<T>, commit: boolean): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query(commit ? 'COMMIT' : 'ROLLBACK');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/** A decision record as the engine hands it to the group commit. */
export const decisionRecord = (tenantId: string, eventId: string): DecisionRecord =>
  storeRecord(tenantId, eventId, 'cash_withdrawal');

/** A promise and its resolver: a commit stalled inside its transaction until the test lets it go. */
export function latch(): { wait: Promise<void>; open(): void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}
