import { rowOf, type Row, type SqlDriver, type SqlExec } from '../../store/index.ts';
import { postgresDriver, sqliteDriver } from '../../store/adapters.ts';
import { ComplaintSchema, complaintStates, historyActions, type Complaint, type HistoryEntry } from '../core/types.ts';
import { movementKinds, type ReserveMovement } from '../core/reserve.ts';
import { SettingsInputSchema } from '../schemas.ts';
import { statePage } from './page.ts';
import { complaintSchema } from './schema.ts';
import {
  ComplaintStaleError,
  ReserveInsufficientError,
  type ComplaintAudit,
  type ComplaintOutbox,
  type ComplaintStore,
} from './port.ts';

// Every stored row is read through rowOf: a row that does not fit its schema fails where it is read.
const complaintOf = (r: Row): Complaint => rowOf(r, 'complaint_complaints').json('doc', ComplaintSchema);

const historyOf = (row: Row): HistoryEntry => {
  const r = rowOf(row, 'complaint_history');
  return {
    tenantId: r.str('tenant_id'),
    complaintId: r.str('complaint_id'),
    seq: r.int('seq'),
    action: r.oneOf('action', historyActions),
    actorId: r.str('actor'),
    from: r.optOneOf('from_state', complaintStates),
    to: r.oneOf('to_state', complaintStates),
    at: r.int('at'),
    dataHash: r.str('data_hash'),
  };
};

const movementOf = (row: Row): ReserveMovement => {
  const r = rowOf(row, 'complaint_reserve');
  return {
    tenantId: r.str('tenant_id'),
    id: r.str('id'),
    kind: r.oneOf('kind', movementKinds),
    amountMinor: r.int('amount_minor'),
    currency: r.str('currency'),
    complaintId: r.optStr('complaint_id') ?? undefined,
    actorId: r.str('actor'),
    at: r.int('at'),
  };
};

const historySql =
  'INSERT INTO complaint_history (tenant_id, complaint_id, seq, action, actor, from_state, to_state, at, data_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
const historyParams = (h: HistoryEntry) => [
  h.tenantId,
  h.complaintId,
  h.seq,
  h.action,
  h.actorId,
  h.from,
  h.to,
  h.at,
  h.dataHash,
];
const movementSql =
  'INSERT INTO complaint_reserve (tenant_id, id, kind, amount_minor, currency, complaint_id, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
const movementParams = (m: ReserveMovement) => [
  m.tenantId,
  m.id,
  m.kind,
  m.amountMinor,
  m.currency,
  m.complaintId ?? null,
  m.actorId,
  m.at,
];

/**
 * The one ComplaintStore over a dialect driver: the SQL is portable between SQLite and PostgreSQL. With
 * `outbox` (the composition root, where the ledger's tables share the database), every write queues its
 * audit entries in its own transaction, so an acknowledged step can never lose its ledger entry.
 */
export function sqlComplaintStore(d: SqlDriver, opts: { outbox?: ComplaintOutbox } = {}): ComplaintStore {
  const queue = async (x: SqlExec, audits: ComplaintAudit[] | undefined): Promise<void> => {
    if (opts.outbox) for (const a of audits ?? []) await opts.outbox(x, a, a.at);
  };
  return {
    kind: d.dialect,
    auditsInTransaction: opts.outbox !== undefined,
    migrate: () => d.exec(complaintSchema(d.dialect)),
    close: () => d.close(),

    async create(c, h, personal, audits) {
      await d.tx(async (x) => {
        await x.run(
          'INSERT INTO complaint_complaints (tenant_id, id, state, customer_id, received_at, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [c.tenantId, c.id, c.state, c.customerId, c.receivedAt, c.version, JSON.stringify(c)],
        );
        await x.run(historySql, historyParams(h));
        if (personal)
          await x.run(
            'INSERT INTO complaint_personal (tenant_id, complaint_id, wrapped_key, sealed) VALUES (?, ?, ?, ?)',
            [c.tenantId, c.id, personal.wrappedKey, personal.sealed],
          );
        await queue(x, audits);
      });
    },

    async update(c, h, movement, audits) {
      await d.tx(async (x) => {
        const n = await x.run(
          'UPDATE complaint_complaints SET state = ?, version = ?, doc = ? WHERE tenant_id = ? AND id = ? AND version = ?',
          [c.state, c.version, JSON.stringify(c), c.tenantId, c.id, c.version - 1],
        );
        if (n !== 1) throw new ComplaintStaleError();
        await x.run(historySql, historyParams(h));
        if (movement) {
          // A payout may not overdraw the reserve: checked in the transaction that records it.
          if (d.dialect === 'postgres')
            await x.all('SELECT pg_advisory_xact_lock(7310014, hashtext(?))', [movement.tenantId]);
          const [b] = await x.all(
            'SELECT COALESCE(SUM(amount_minor), 0) AS balance FROM complaint_reserve WHERE tenant_id = ? AND currency = ?',
            [movement.tenantId, movement.currency],
          );
          const balance = Number(b?.balance ?? 0);
          if (balance + movement.amountMinor < 0) throw new ReserveInsufficientError(balance, movement.currency);
          await x.run(movementSql, movementParams(movement));
        }
        await queue(x, audits);
      });
    },

    async get(tenantId, id) {
      const [r] = await d.all('SELECT doc FROM complaint_complaints WHERE tenant_id = ? AND id = ?', [tenantId, id]);
      return r && complaintOf(r);
    },

    async list(tenantId, q) {
      const page = statePage({ tenant_id: tenantId }, q);
      const rows = await d.all(
        `SELECT doc FROM complaint_complaints WHERE ${page.where} ORDER BY id LIMIT ?`,
        page.params,
      );
      return rows.map(complaintOf);
    },

    async receivedBetween(tenantId, fromMs, toMs) {
      const rows = await d.all(
        'SELECT doc FROM complaint_complaints WHERE tenant_id = ? AND received_at >= ? AND received_at < ? ORDER BY received_at, id',
        [tenantId, fromMs, toMs],
      );
      return rows.map(complaintOf);
    },

    async history(tenantId, id) {
      const rows = await d.all(
        'SELECT * FROM complaint_history WHERE tenant_id = ? AND complaint_id = ? ORDER BY seq',
        [tenantId, id],
      );
      return rows.map(historyOf);
    },

    async personal(tenantId, id) {
      const [r] = await d.all('SELECT * FROM complaint_personal WHERE tenant_id = ? AND complaint_id = ?', [
        tenantId,
        id,
      ]);
      if (!r) return undefined;
      const p = rowOf(r, 'complaint_personal');
      const wrapped = p.optStr('wrapped_key');
      return wrapped === null ? undefined : { wrappedKey: wrapped, sealed: p.str('sealed') };
    },

    async shredPersonal(tenantId, id, audits) {
      return d.tx(async (x) => {
        const n = await x.run(
          'UPDATE complaint_personal SET wrapped_key = NULL WHERE tenant_id = ? AND complaint_id = ? AND wrapped_key IS NOT NULL',
          [tenantId, id],
        );
        await queue(x, audits);
        return n > 0;
      });
    },

    async getSettings(tenantId) {
      const [row] = await d.all('SELECT * FROM complaint_settings WHERE tenant_id = ?', [tenantId]);
      if (!row) return undefined;
      const r = rowOf(row, 'complaint_settings');
      return {
        tenantId,
        doc: r.json('doc', SettingsInputSchema),
        updatedAt: r.int('updated_at'),
        updatedBy: r.str('updated_by'),
      };
    },

    async putSettings(s, audits) {
      await d.tx(async (x) => {
        await x.run(
          'INSERT INTO complaint_settings (tenant_id, doc, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
          [s.tenantId, JSON.stringify(s.doc), s.updatedAt, s.updatedBy],
        );
        await queue(x, audits);
      });
    },

    async addMovement(m, audits) {
      await d.tx(async (x) => {
        await x.run(movementSql, movementParams(m));
        await queue(x, audits);
      });
    },

    async movements(tenantId, q = {}) {
      const where = ['tenant_id = ?'];
      const params: unknown[] = [tenantId];
      if (q.kind) {
        where.push('kind = ?');
        params.push(q.kind);
      }
      if (q.fromMs !== undefined) {
        where.push('at >= ?');
        params.push(q.fromMs);
      }
      if (q.toMs !== undefined) {
        where.push('at < ?');
        params.push(q.toMs);
      }
      const rows = await d.all(`SELECT * FROM complaint_reserve WHERE ${where.join(' AND ')} ORDER BY at, id`, params);
      return rows.map(movementOf);
    },
  };
}

export function openSqliteComplaintStore(file: string): ComplaintStore {
  return sqlComplaintStore(sqliteDriver(file));
}

export function openPostgresComplaintStore(
  url: string,
  opts: { schema?: string; poolSize?: number } = {},
): ComplaintStore {
  return sqlComplaintStore(postgresDriver(url, opts.schema ?? 'zhili', opts.poolSize));
}
