import { Type } from '@sinclair/typebox';
import { rowOf, type Row, type SqlDriver, type SqlExec } from '../../store/index.ts';
import { postgresDriver, sqliteDriver } from '../../store/adapters.ts';
import { statePage } from './page.ts';
import { registerSchema } from './register-schema.ts';
import {
  RegisterStaleError,
  registerKinds,
  type RegisterAudit,
  type RegisterOutbox,
  type RegisterRecord,
  type RegisterStep,
  type RegisterStore,
} from './register-port.ts';

/**
 * Any JSON value: what a document must be is its kind's schema, which the service holding that schema
 * checks on every read (`checked`); here a column that is not JSON at all already fails, naming itself.
 */
const AnyJson = Type.Unknown();

const recordOf = (row: Row): RegisterRecord => {
  const r = rowOf(row, 'protection_register');
  return {
    tenantId: r.str('tenant_id'),
    kind: r.oneOf('kind', registerKinds),
    id: r.str('id'),
    state: r.str('state'),
    version: r.int('version'),
    openedAt: r.int('opened_at'),
    doc: r.json('doc', AnyJson),
  };
};

const stepOf = (row: Row): RegisterStep => {
  const r = rowOf(row, 'protection_register_steps');
  return {
    tenantId: r.str('tenant_id'),
    kind: r.oneOf('kind', registerKinds),
    recordId: r.str('record_id'),
    seq: r.int('seq'),
    action: r.str('action'),
    actorId: r.str('actor'),
    at: r.int('at'),
    dataHash: r.str('data_hash'),
  };
};

const stepSql =
  'INSERT INTO protection_register_steps (tenant_id, kind, record_id, seq, action, actor, at, data_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
const stepParams = (s: RegisterStep) => [s.tenantId, s.kind, s.recordId, s.seq, s.action, s.actorId, s.at, s.dataHash];

/**
 * The one RegisterStore over a dialect driver. With `outbox` (the composition root, where the ledger's
 * tables share the database) every write queues its audit entries in its own transaction.
 */
export function sqlRegisterStore(d: SqlDriver, opts: { outbox?: RegisterOutbox } = {}): RegisterStore {
  const queue = async (x: SqlExec, audits: RegisterAudit[] | undefined): Promise<void> => {
    if (opts.outbox) for (const a of audits ?? []) await opts.outbox(x, a, a.at);
  };
  return {
    kind: d.dialect,
    auditsInTransaction: opts.outbox !== undefined,
    migrate: () => d.exec(registerSchema(d.dialect)),
    close: () => d.close(),

    async create(r, step, audits) {
      await d.tx(async (x) => {
        await x.run(
          'INSERT INTO protection_register (tenant_id, kind, id, state, version, opened_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [r.tenantId, r.kind, r.id, r.state, r.version, r.openedAt, JSON.stringify(r.doc)],
        );
        await x.run(stepSql, stepParams(step));
        await queue(x, audits);
      });
    },

    async update(r, step, audits) {
      await d.tx(async (x) => {
        const n = await x.run(
          'UPDATE protection_register SET state = ?, version = ?, doc = ? WHERE tenant_id = ? AND kind = ? AND id = ? AND version = ?',
          [r.state, r.version, JSON.stringify(r.doc), r.tenantId, r.kind, r.id, r.version - 1],
        );
        if (n !== 1) throw new RegisterStaleError();
        await x.run(stepSql, stepParams(step));
        await queue(x, audits);
      });
    },

    async get(tenantId, kind, id) {
      const [r] = await d.all('SELECT * FROM protection_register WHERE tenant_id = ? AND kind = ? AND id = ?', [
        tenantId,
        kind,
        id,
      ]);
      return r && recordOf(r);
    },

    async list(tenantId, kind, q) {
      const page = statePage({ tenant_id: tenantId, kind }, q);
      const rows = await d.all(
        `SELECT * FROM protection_register WHERE ${page.where} ORDER BY id LIMIT ?`,
        page.params,
      );
      return rows.map(recordOf);
    },

    async steps(tenantId, kind, id) {
      const rows = await d.all(
        'SELECT * FROM protection_register_steps WHERE tenant_id = ? AND kind = ? AND record_id = ? ORDER BY seq',
        [tenantId, kind, id],
      );
      return rows.map(stepOf);
    },

    async getSettings(tenantId, kind) {
      const [r] = await d.all('SELECT doc FROM protection_register_settings WHERE tenant_id = ? AND kind = ?', [
        tenantId,
        kind,
      ]);
      return r ? rowOf(r, 'protection_register_settings').json('doc', AnyJson) : undefined;
    },

    async putSettings(tenantId, kind, doc, by, audits) {
      await d.tx(async (x) => {
        await x.run(
          'INSERT INTO protection_register_settings (tenant_id, kind, doc, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, kind) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
          [tenantId, kind, JSON.stringify(doc), by.at, by.actorId],
        );
        await queue(x, audits);
      });
    },
  };
}

export function openSqliteRegisterStore(file: string): RegisterStore {
  return sqlRegisterStore(sqliteDriver(file));
}

export function openPostgresRegisterStore(
  url: string,
  opts: { schema?: string; poolSize?: number } = {},
): RegisterStore {
  return sqlRegisterStore(postgresDriver(url, opts.schema ?? 'zhili', opts.poolSize));
}
