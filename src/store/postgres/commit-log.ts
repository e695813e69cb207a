import type pg from 'pg';
import type { AppendResult, AppendOptions } from '../port.ts';
import type { DecisionRecord, PiiKeyRecord } from '../records.ts';
import { decisionRow } from '../decision-row.ts';
import { piiKeyRow } from '../record-rows.ts';
import { rowOf } from '../row-decode.ts';

type Row = Record<string, unknown>;

/**
 * The PostgreSQL commit log (docs/decisions/0007-commit-position.md). `decisions.seq` (BIGSERIAL) is
 * handed out when a row is inserted, not when its transaction commits, so with several writers a lower
 * seq can become visible after a higher one. The commit position is assigned at the end of the writing
 * transaction instead, under a transaction-level advisory lock held until COMMIT: the next writer takes
 * the lock only after this one is committed and visible, so positions become visible in ascending order
 * and a reader that has seen position p has seen every position below it.
 */
export const commitLogMigration = `
CREATE TABLE decision_commits (pos BIGINT PRIMARY KEY, seq BIGINT NOT NULL UNIQUE);
INSERT INTO decision_commits (pos, seq) SELECT seq, seq FROM decisions;
`;

/** Migration 5: positions from a sequence, so taking the lock and numbering are one statement. */
export const commitSequenceMigration = `
CREATE SEQUENCE decision_position;
SELECT setval('decision_position', COALESCE((SELECT MAX(pos) FROM decision_commits), 0) + 1, false);
`;

// The lock is one per schema (deployments and test runs sharing a database do not queue on each
// other). Every output row joins the lock's one row, so the lock is held before the first nextval:
// the previous holder has committed by then, and its positions are all lower. The seqs are integers
// the database just returned, written as a literal so that numbering and COMMIT go as one message
// (simple protocol, no parameters): the lock is held while the server numbers and flushes the WAL,
// never while it waits on this client.
const assignAndCommit = (seqs: readonly number[]): string => {
  if (!seqs.every(Number.isSafeInteger)) throw new RangeError('decision seq is not an integer');
  return `INSERT INTO decision_commits (pos, seq)
  SELECT nextval('decision_position'), x.s
  FROM (SELECT pg_advisory_xact_lock(7310014, hashtext(current_schema()))) AS l,
    unnest('{${seqs.join(',')}}'::bigint[]) WITH ORDINALITY AS x(s, n)
  ORDER BY x.n;
COMMIT`;
};

const INSERT_DECISIONS = `INSERT INTO decisions (tenant_id, event_id, type, occurred_at, body_hash, event, decision, outcome, rule_set_version, decided_at)
  SELECT t, e, ty, o, h, ev::jsonb, de::jsonb, ou, rv, da
  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])
    WITH ORDINALITY AS x(t, e, ty, o, h, ev, de, ou, rv, da, n)
  ORDER BY n
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING seq, tenant_id, event_id`;

export const INSERT_KEYS = `INSERT INTO pii_keys (tenant_id, subject, key_id, wrapped, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
  ON CONFLICT DO NOTHING`;

export function columns<T>(items: readonly T[], width: number, row: (x: T) => unknown[]): unknown[][] {
  const cols: unknown[][] = Array.from({ length: width }, () => []);
  for (const x of items) row(x).forEach((v, i) => cols[i]?.push(v));
  return cols;
}

const keyOf = (tenantId: string, eventId: string): string => `${tenantId}\u0000${eventId}`;

/**
 * One group commit in its own transaction: `inTx` first (the cluster's commit fence: it may refuse some
 * decisions), then the decisions, their data keys, then their commit positions.
 */
export async function appendWithPositions(
  pool: pg.Pool,
  batch: readonly DecisionRecord[],
  keys: readonly PiiKeyRecord[],
  inTx?: AppendOptions['inTx'],
): Promise<AppendResult> {
  const c = await pool.connect();
  const fresh = new Set<string>();
  let refused: ReadonlySet<number> = new Set();
  // The server may end the transaction while the client is between statements (the fence's idle limit):
  // the client reports it as an error event, kept here (unhandled, it would end the process).
  let broken: Error | undefined;
  const onError = (e: Error) => {
    broken = e;
  };
  c.on('error', onError);
  try {
    await c.query('BEGIN');
    if (inTx) refused = await inTx(c);
    const admitted = refused.size > 0 ? batch.filter((_, i) => !refused.has(i)) : batch;
    const inserted =
      admitted.length > 0 ? ((await c.query(INSERT_DECISIONS, columns(admitted, 10, decisionRow))).rows as Row[]) : [];
    if (keys.length > 0) await c.query(INSERT_KEYS, columns(keys, 5, piiKeyRow));
    const seqs: number[] = [];
    for (const r of inserted) {
      const row = rowOf(r, 'decisions');
      fresh.add(keyOf(row.str('tenant_id'), row.str('event_id')));
      seqs.push(row.int('seq'));
    }
    await c.query(seqs.length > 0 ? assignAndCommit(seqs.sort((a, b) => a - b)) : 'COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.off('error', onError);
    c.release(broken);
  }
  // The first occurrence of a key in the batch is the one stored; any later one is a duplicate.
  const duplicates: number[] = [];
  batch.forEach((d, i) => {
    if (!refused.has(i) && !fresh.delete(keyOf(d.tenantId, d.eventId))) duplicates.push(i);
  });
  return inTx ? { duplicates, refused: [...refused].sort((a, b) => a - b) } : { duplicates };
}

const SELECT = 'SELECT d.*, c.pos FROM decisions d JOIN decision_commits c ON c.seq = d.seq';

export const commitLogSql = {
  get: `${SELECT} WHERE d.tenant_id = $1 AND d.event_id = $2`,
  scan: `${SELECT} WHERE c.pos > $1 ORDER BY c.pos LIMIT $2`,
  scanTenant: `${SELECT} WHERE d.tenant_id = $1 AND d.occurred_at >= $2 AND d.occurred_at < $3 AND c.pos > $4
    ORDER BY c.pos LIMIT $5`,
};
