import type { Clock } from '../../kernel/index.ts';
import { RowShapeError, rowOf, type Row, type SqlDriver, type SqlExec } from '../../store/index.ts';
import {
  intakeLimits,
  pendingFull,
  type Evaluation,
  type IsoIntake,
  type IsoIntakeLimits,
  type PendingEntry,
} from './intake.ts';
import type { PendingTransfer } from './map.ts';
import { isEvaluation, isPendingTransfer } from './stored.ts';

const TABLES = (serial: string, big: string) => `
CREATE TABLE IF NOT EXISTS iso_pending (tenant_id TEXT NOT NULL, end_to_end_id TEXT NOT NULL, transfer TEXT NOT NULL,
  completed_by TEXT, last_status TEXT, received_at ${big} NOT NULL, PRIMARY KEY (tenant_id, end_to_end_id));
CREATE INDEX IF NOT EXISTS iso_pending_waiting ON iso_pending (tenant_id, received_at) WHERE completed_by IS NULL;
CREATE TABLE IF NOT EXISTS iso_evaluations (seq ${serial}, tenant_id TEXT NOT NULL, msg_id TEXT NOT NULL,
  end_to_end_id TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (tenant_id, msg_id));
CREATE INDEX IF NOT EXISTS iso_evaluations_tenant ON iso_evaluations (tenant_id, seq);
`;

/** The intake's tables (migration 1), in the main database: the same SQLite file or PostgreSQL schema. */
export const ISO_INTAKE_SQL = {
  sqlite: TABLES('INTEGER PRIMARY KEY AUTOINCREMENT', 'INTEGER'),
  postgres: TABLES('BIGSERIAL PRIMARY KEY', 'BIGINT'),
};

/**
 * The ISO 20022 intake in the database: it survives a restart, and each tenant's bound is checked
 * inside the transaction that adds the message (PostgreSQL: under a per-tenant advisory lock), so
 * concurrent requests cannot overshoot it.
 */
export class SqlIsoIntake implements IsoIntake {
  private readonly limits: Required<IsoIntakeLimits>;

  constructor(
    private readonly db: SqlDriver,
    private readonly clock: Clock,
    limits: IsoIntakeLimits = {},
  ) {
    this.limits = intakeLimits(limits);
  }

  private async lockTenant(x: SqlExec, tenantId: string): Promise<void> {
    if (this.db.dialect === 'postgres') await x.all('SELECT pg_advisory_xact_lock(7310020, hashtext(?))', [tenantId]);
  }

  async putPending(tenantId: string, transfer: PendingTransfer): Promise<void> {
    const now = this.clock.now();
    await this.db.tx(async (x) => {
      await this.lockTenant(x, tenantId);
      const known = await x.all('SELECT 1 FROM iso_pending WHERE tenant_id = ? AND end_to_end_id = ?', [
        tenantId,
        transfer.endToEndId,
      ]);
      if (known.length === 0) {
        await x.run('DELETE FROM iso_pending WHERE tenant_id = ? AND completed_by IS NULL AND received_at <= ?', [
          tenantId,
          now - this.limits.pendingTtlMs,
        ]);
        const [row] = await x.all(
          'SELECT COUNT(*) AS n FROM iso_pending WHERE tenant_id = ? AND completed_by IS NULL',
          [tenantId],
        );
        if (Number(row?.n ?? 0) >= this.limits.maxPending) throw pendingFull(this.limits.maxPending);
      }
      await x.run(
        `INSERT INTO iso_pending (tenant_id, end_to_end_id, transfer, received_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (tenant_id, end_to_end_id) DO UPDATE SET transfer = excluded.transfer,
           received_at = excluded.received_at, last_status = NULL WHERE iso_pending.completed_by IS NULL`,
        [tenantId, transfer.endToEndId, JSON.stringify(transfer), now],
      );
    });
  }

  async getPending(tenantId: string, endToEndId: string): Promise<PendingEntry | undefined> {
    const [r] = await this.db.all(
      'SELECT transfer, completed_by, last_status FROM iso_pending WHERE tenant_id = ? AND end_to_end_id = ?',
      [tenantId, endToEndId],
    );
    if (!r) return undefined;
    const row = rowOf(r, 'iso_pending');
    const completedBy = row.optStr('completed_by');
    const lastStatus = row.optStr('last_status');
    return {
      transfer: storedJson(r, 'iso_pending', 'transfer', isPendingTransfer),
      ...(completedBy !== null ? { completedBy } : {}),
      ...(lastStatus !== null ? { lastStatus } : {}),
    };
  }

  async markStatus(tenantId: string, endToEndId: string, txSts: string, msgId: string): Promise<void> {
    await this.db.run(
      `UPDATE iso_pending SET last_status = ?, completed_by = CASE WHEN ? = 'ACCC' THEN ? ELSE completed_by END
       WHERE tenant_id = ? AND end_to_end_id = ?`,
      [txSts, txSts, msgId, tenantId, endToEndId],
    );
  }

  async putEvaluation(tenantId: string, ev: Evaluation): Promise<void> {
    await this.db.tx(async (x) => {
      await this.lockTenant(x, tenantId);
      await x.run(
        `INSERT INTO iso_evaluations (tenant_id, msg_id, end_to_end_id, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (tenant_id, msg_id) DO UPDATE SET body = excluded.body`,
        [tenantId, ev.msgId, ev.pending.endToEndId, JSON.stringify(ev)],
      );
      const [row] = await x.all('SELECT COUNT(*) AS n FROM iso_evaluations WHERE tenant_id = ?', [tenantId]);
      const over = Number(row?.n ?? 0) - this.limits.maxEvaluations;
      if (over <= 0) return;
      // Past the bound, this tenant's own oldest evaluations (and their completed transfers) go.
      const old = await x.all(
        'SELECT seq, end_to_end_id FROM iso_evaluations WHERE tenant_id = ? ORDER BY seq LIMIT ?',
        [tenantId, over],
      );
      for (const o of old) {
        await x.run('DELETE FROM iso_evaluations WHERE seq = ?', [o.seq]);
        await x.run('DELETE FROM iso_pending WHERE tenant_id = ? AND end_to_end_id = ? AND completed_by IS NOT NULL', [
          tenantId,
          o.end_to_end_id,
        ]);
      }
    });
  }

  async getEvaluation(tenantId: string, msgId: string): Promise<Evaluation | undefined> {
    const [r] = await this.db.all('SELECT body FROM iso_evaluations WHERE tenant_id = ? AND msg_id = ?', [
      tenantId,
      msgId,
    ]);
    return r ? storedJson(r, 'iso_evaluations', 'body', isEvaluation) : undefined;
  }
}

/** A JSON column read back through its check (stored.ts): a row that fails it is named, never cast. */
function storedJson<T>(r: Row, table: string, column: string, check: (v: unknown) => v is T): T {
  const text = rowOf(r, table).str(column);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new RowShapeError(table, column, 'JSON text', text, { cause: e });
  }
  if (check(parsed)) return parsed;
  throw new RowShapeError(table, column, 'JSON matching its stored schema', text);
}

/** The intake's tables on a database connection, for the composition root: migrate, then open. */
export interface IsoIntakeTables {
  migrate(): Promise<void>;
  open(clock: Clock, limits?: IsoIntakeLimits): IsoIntake;
}

export const isoIntakeTables = (db: SqlDriver): IsoIntakeTables => ({
  migrate: () => db.exec(ISO_INTAKE_SQL[db.dialect]),
  open: (clock, limits) => new SqlIsoIntake(db, clock, limits),
});
