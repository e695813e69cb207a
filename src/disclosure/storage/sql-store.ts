import { isUniqueViolation, rowOf, type Row, type SqlDriver, type SqlExec } from '../../store/index.ts';
import { postgresDriver, sqliteDriver } from '../../store/adapters.ts';
import type { RelatedParty } from '../core/related.ts';
import { DisclosureSchema, type Disclosure } from '../core/workflow.ts';
import {
  DisclosureConflictError,
  DisclosureStaleError,
  type DisclosureAudit,
  type DisclosureOutbox,
  type DisclosureStore,
} from './port.ts';

/** Portable DDL: one row per version; at most one live (not discarded) row per period and version. */
export function disclosureSchema(): string {
  return `
CREATE TABLE IF NOT EXISTS disclosure_versions (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, period TEXT NOT NULL, version INT NOT NULL, state TEXT NOT NULL,
  rev INT NOT NULL, hash TEXT NOT NULL, doc TEXT NOT NULL, ledger_index BIGINT, PRIMARY KEY (tenant_id, id));
CREATE UNIQUE INDEX IF NOT EXISTS disclosure_versions_live
  ON disclosure_versions (tenant_id, period, version) WHERE state <> 'discarded';
CREATE INDEX IF NOT EXISTS disclosure_versions_period ON disclosure_versions (tenant_id, period);
CREATE TABLE IF NOT EXISTS disclosure_related_parties (
  tenant_id TEXT NOT NULL, party_id TEXT NOT NULL, relation TEXT NOT NULL, since_day INT NOT NULL, until_day INT,
  updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (tenant_id, party_id));
`;
}

// A stored version that does not fit its schema fails where it is read (RowShapeError naming the column).
const recordOf = (r: Row): Disclosure => rowOf(r, 'disclosure_versions').json('doc', DisclosureSchema);

const relatedOf = (r: Row): RelatedParty => {
  const x = rowOf(r, 'disclosure_related_parties');
  const until = x.optInt('until_day');
  return {
    tenantId: x.str('tenant_id'),
    partyId: x.str('party_id'),
    relation: x.str('relation'),
    sinceDay: x.int('since_day'),
    ...(until === null ? {} : { untilDay: until }),
    updatedBy: x.str('updated_by'),
    updatedAt: x.int('updated_at'),
  };
};

/**
 * The one DisclosureStore over a dialect driver. With `outbox` (the composition root, where the
 * ledger's tables share the database) every write queues its audit entries in its own transaction.
 */
export function sqlDisclosureStore(d: SqlDriver, opts: { outbox?: DisclosureOutbox } = {}): DisclosureStore {
  const queue = async (x: SqlExec, audits: DisclosureAudit[] | undefined): Promise<void> => {
    if (opts.outbox) for (const a of audits ?? []) await opts.outbox(x, a, a.at);
  };
  return {
    kind: d.dialect,
    auditsInTransaction: opts.outbox !== undefined,
    migrate: () => d.exec(disclosureSchema()),
    close: () => d.close(),

    async insert(v, audits) {
      try {
        await d.tx(async (x) => {
          // Only one version of a period in progress at a time: the check and the insert in one transaction.
          const pending = await x.all(
            "SELECT id FROM disclosure_versions WHERE tenant_id = ? AND period = ? AND state NOT IN ('published', 'discarded')",
            [v.tenantId, v.period],
          );
          if (pending.length > 0) throw new DisclosureConflictError();
          await x.run(
            'INSERT INTO disclosure_versions (tenant_id, id, period, version, state, rev, hash, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [v.tenantId, v.id, v.period, v.version, v.state, v.rev, v.hash, JSON.stringify(v)],
          );
          await queue(x, audits);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new DisclosureConflictError();
        throw e;
      }
    },

    async update(v, audits) {
      await d.tx(async (x) => {
        const n = await x.run(
          "UPDATE disclosure_versions SET state = ?, rev = ?, hash = ?, doc = ? WHERE tenant_id = ? AND id = ? AND rev = ? AND state <> 'published'",
          [v.state, v.rev, v.hash, JSON.stringify(v), v.tenantId, v.id, v.rev - 1],
        );
        if (n !== 1) {
          const [r] = await x.all('SELECT state FROM disclosure_versions WHERE tenant_id = ? AND id = ?', [
            v.tenantId,
            v.id,
          ]);
          throw new DisclosureStaleError(r?.state === 'published');
        }
        await queue(x, audits);
      });
    },

    async setLedgerIndex(tenantId, id, index) {
      await d.run(
        "UPDATE disclosure_versions SET ledger_index = ? WHERE tenant_id = ? AND id = ? AND state = 'published' AND ledger_index IS NULL",
        [index, tenantId, id],
      );
    },

    async get(tenantId, id) {
      const [r] = await d.all('SELECT doc, ledger_index FROM disclosure_versions WHERE tenant_id = ? AND id = ?', [
        tenantId,
        id,
      ]);
      if (!r) return undefined;
      const li = rowOf(r, 'disclosure_versions').optInt('ledger_index');
      return { disclosure: recordOf(r), ledgerIndex: li ?? undefined };
    },

    async list(tenantId, q = {}) {
      const where = ['tenant_id = ?'];
      const params: unknown[] = [tenantId];
      if (q.period) {
        where.push('period = ?');
        params.push(q.period);
      }
      if (q.publishedOnly) where.push("state = 'published'");
      const rows = await d.all(
        `SELECT doc FROM disclosure_versions WHERE ${where.join(' AND ')} ORDER BY period DESC, version DESC, id DESC`,
        params,
      );
      return rows.map(recordOf);
    },

    async relatedParties(tenantId) {
      const rows = await d.all(
        'SELECT * FROM disclosure_related_parties WHERE tenant_id = ? ORDER BY since_day, party_id',
        [tenantId],
      );
      return rows.map(relatedOf);
    },

    async putRelatedParty(r, audits) {
      await d.tx(async (x) => {
        await x.run(
          `INSERT INTO disclosure_related_parties (tenant_id, party_id, relation, since_day, until_day, updated_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (tenant_id, party_id) DO UPDATE SET relation = excluded.relation, since_day = excluded.since_day,
             until_day = excluded.until_day, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          [r.tenantId, r.partyId, r.relation, r.sinceDay, r.untilDay ?? null, r.updatedBy, r.updatedAt],
        );
        await queue(x, audits);
      });
    },
  };
}

export function openSqliteDisclosureStore(file: string, opts: { outbox?: DisclosureOutbox } = {}): DisclosureStore {
  return sqlDisclosureStore(sqliteDriver(file), opts);
}

export function openPostgresDisclosureStore(
  url: string,
  opts: { schema?: string; poolSize?: number; outbox?: DisclosureOutbox } = {},
): DisclosureStore {
  return sqlDisclosureStore(postgresDriver(url, opts.schema ?? 'zhili', opts.poolSize ?? 2), opts);
}
