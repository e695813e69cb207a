import type { SqlDriver, SqlExec } from '../../store/index.ts';
import { postgresDriver, sqliteDriver } from '../../store/adapters.ts';
import { PartyStaleError, type IndexToken, type PartyAudit, type PartyOutbox, type PartyStore } from './port.ts';
import {
  hitColumns,
  hitFromRow,
  hitParams,
  partyColumns,
  partyFromRow,
  partyParams,
  placeholders,
  ratingColumns,
  ratingFromRow,
  ratingParams,
  screenFromRow,
  versionColumns,
  versionFromRow,
  versionParams,
} from './rows.ts';
import { partySchema } from './schema.ts';
import type { StoredVersion } from '../core/types.ts';

async function writeRefs(x: SqlExec, v: StoredVersion, tokens: IndexToken[]): Promise<void> {
  await x.run('DELETE FROM party_blind_index WHERE tenant_id = ? AND party_id = ?', [v.tenantId, v.partyId]);
  for (const t of tokens)
    await x.run(
      'INSERT INTO party_blind_index (tenant_id, kind, token, party_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [v.tenantId, t.kind, t.token, v.partyId],
    );
  await x.run('DELETE FROM party_owner_refs WHERE tenant_id = ? AND party_id = ?', [v.tenantId, v.partyId]);
  for (const o of v.clear.owners ?? [])
    await x.run(
      'INSERT INTO party_owner_refs (tenant_id, owner_id, party_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [v.tenantId, o.partyId, v.partyId],
    );
}

/** The one PartyStore over a dialect driver: the SQL is portable between SQLite and PostgreSQL. */
/**
 * The parties tables on one SQL driver. With `outbox` (the composition root, where the ledger's tables
 * share the database), a write given an `audit` record queues it in its own transaction.
 */
export function sqlPartyStore(d: SqlDriver, opts: { outbox?: PartyOutbox } = {}): PartyStore {
  const queue = async (x: SqlExec, audit: PartyAudit | undefined): Promise<void> => {
    if (audit && opts.outbox) await opts.outbox(x, audit, audit.at);
  };
  return {
    auditsInTransaction: opts.outbox !== undefined,
    kind: d.dialect,
    migrate: () => d.exec(partySchema(d.dialect)),
    close: () => d.close(),

    async getTenantKey(tenantId) {
      const [r] = await d.all('SELECT * FROM party_tenant_keys WHERE tenant_id = ?', [tenantId]);
      return r && { tenantId, wrapped: String(r.wrapped), kekId: String(r.kek_id), createdAt: Number(r.created_at) };
    },

    async putTenantKey(row) {
      await d.run(
        'INSERT INTO party_tenant_keys (tenant_id, wrapped, kek_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [row.tenantId, row.wrapped, row.kekId, row.createdAt],
      );
      return (await this.getTenantKey(row.tenantId)) ?? row;
    },

    async getSubjectKey(tenantId, partyId) {
      const [r] = await d.all('SELECT * FROM party_subject_keys WHERE tenant_id = ? AND party_id = ?', [
        tenantId,
        partyId,
      ]);
      return r && { tenantId, partyId, wrapped: String(r.wrapped), createdAt: Number(r.created_at) };
    },

    async createParty(p, v, key, tokens, audit) {
      await d.tx(async (x) => {
        await queue(x, audit);
        await x.run(`INSERT INTO party_parties (${partyColumns}) VALUES (${placeholders(9)})`, partyParams(p));
        await x.run(`INSERT INTO party_versions (${versionColumns}) VALUES (${placeholders(9)})`, versionParams(v));
        await x.run('INSERT INTO party_subject_keys (tenant_id, party_id, wrapped, created_at) VALUES (?, ?, ?, ?)', [
          key.tenantId,
          key.partyId,
          key.wrapped,
          key.createdAt,
        ]);
        await writeRefs(x, v, tokens);
      });
    },

    async updateParty(p, v, tokens, audit) {
      await d.tx(async (x) => {
        await queue(x, audit);
        const n = await x.run(
          'UPDATE party_parties SET version = ?, external_id = ?, updated_at = ? WHERE tenant_id = ? AND id = ? AND version = ? AND erased_at IS NULL',
          [v.version, p.externalId, p.updatedAt, p.tenantId, p.id, v.version - 1],
        );
        if (n !== 1) throw new PartyStaleError(p.id);
        await x.run(`INSERT INTO party_versions (${versionColumns}) VALUES (${placeholders(9)})`, versionParams(v));
        await writeRefs(x, v, tokens);
      });
    },

    async getParty(tenantId, id) {
      const [r] = await d.all('SELECT * FROM party_parties WHERE tenant_id = ? AND id = ?', [tenantId, id]);
      return r ? partyFromRow(r) : undefined;
    },

    async getVersion(tenantId, id, version) {
      const [r] = await d.all('SELECT * FROM party_versions WHERE tenant_id = ? AND party_id = ? AND version = ?', [
        tenantId,
        id,
        version,
      ]);
      return r ? versionFromRow(r) : undefined;
    },

    async listVersions(tenantId, id) {
      return (
        await d.all('SELECT * FROM party_versions WHERE tenant_id = ? AND party_id = ? ORDER BY version', [
          tenantId,
          id,
        ])
      ).map(versionFromRow);
    },

    async findByExternalId(tenantId, externalId) {
      const rows = await d.all('SELECT id FROM party_parties WHERE tenant_id = ? AND external_id = ? ORDER BY id', [
        tenantId,
        externalId,
      ]);
      return rows.map((r) => String(r.id));
    },

    async listParties(tenantId, f) {
      const rows = await d.all('SELECT * FROM party_parties WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?', [
        tenantId,
        f.after ?? '',
        f.limit,
      ]);
      return rows.map(partyFromRow);
    },

    async findByToken(tenantId, t) {
      const rows = await d.all(
        'SELECT party_id FROM party_blind_index WHERE tenant_id = ? AND kind = ? AND token = ? ORDER BY party_id',
        [tenantId, t.kind, t.token],
      );
      return rows.map((r) => String(r.party_id));
    },

    async ownedBy(tenantId, ownerId) {
      const rows = await d.all(
        'SELECT party_id FROM party_owner_refs WHERE tenant_id = ? AND owner_id = ? ORDER BY party_id',
        [tenantId, ownerId],
      );
      return rows.map((r) => String(r.party_id));
    },

    async upsertHits(hits) {
      if (!hits.length) return [];
      return d.tx(async (x) => {
        const out = [];
        for (const h of hits) {
          const n = await x.run(
            `INSERT INTO party_hits (${hitColumns}) VALUES (${placeholders(20)})
               ON CONFLICT (tenant_id, party_id, list_id, entry_id, screen_key, entry_fp) DO NOTHING`,
            hitParams(h),
          );
          if (n === 0)
            await x.run(
              `UPDATE party_hits SET last_screened_at = ?, list_versions = ? WHERE tenant_id = ? AND party_id = ? AND list_id = ?
                 AND entry_id = ? AND screen_key = ? AND entry_fp = ?`,
              [
                h.lastScreenedAt,
                JSON.stringify(h.listVersions),
                h.tenantId,
                h.partyId,
                h.listId,
                h.entryId,
                h.screenKey,
                h.entryFp,
              ],
            );
          const [r] = await x.all(
            'SELECT * FROM party_hits WHERE tenant_id = ? AND party_id = ? AND list_id = ? AND entry_id = ? AND screen_key = ? AND entry_fp = ?',
            [h.tenantId, h.partyId, h.listId, h.entryId, h.screenKey, h.entryFp],
          );
          if (r) out.push(hitFromRow(r));
        }
        return out;
      });
    },

    async getHit(tenantId, id) {
      const [r] = await d.all('SELECT * FROM party_hits WHERE tenant_id = ? AND id = ?', [tenantId, id]);
      return r ? hitFromRow(r) : undefined;
    },

    async listHits(tenantId, partyId, screenKey) {
      const params: unknown[] = [tenantId, partyId];
      let sql = 'SELECT * FROM party_hits WHERE tenant_id = ? AND party_id = ?';
      if (screenKey !== undefined) {
        sql += ' AND screen_key = ?';
        params.push(screenKey);
      }
      return (await d.all(`${sql} ORDER BY score DESC, id`, params)).map(hitFromRow);
    },

    async decideHit(tenantId, id, dec, audit) {
      const n = await d.tx(async (x) => {
        const changed = await x.run(
          'UPDATE party_hits SET status = ?, decided_by = ?, decided_at = ?, reason = ? WHERE tenant_id = ? AND id = ? AND status = ?',
          [dec.status, dec.by, dec.at, dec.reason, tenantId, id, dec.from ?? 'open'],
        );
        if (changed === 1) await queue(x, audit);
        return changed;
      });
      const hit = await this.getHit(tenantId, id);
      if (n !== 1 || !hit) throw new PartyStaleError(id);
      return hit;
    },

    async addScreen(x) {
      await d.run(
        'INSERT INTO party_screens (tenant_id, id, party_id, party_version, list_versions, hit_ids, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [x.tenantId, x.id, x.partyId, x.partyVersion, JSON.stringify(x.listVersions), JSON.stringify(x.hitIds), x.at],
      );
    },

    async latestScreen(tenantId, partyId) {
      const [r] = await d.all(
        'SELECT * FROM party_screens WHERE tenant_id = ? AND party_id = ? ORDER BY at DESC, id DESC LIMIT 1',
        [tenantId, partyId],
      );
      return r && screenFromRow(r);
    },

    async addRating(r) {
      await d.tx(async (x) => {
        await x.run(`INSERT INTO party_ratings (${ratingColumns}) VALUES (${placeholders(11)})`, ratingParams(r));
        await x.run('UPDATE party_parties SET risk_level = ? WHERE tenant_id = ? AND id = ?', [
          r.level,
          r.tenantId,
          r.partyId,
        ]);
      });
    },

    async ratings(tenantId, partyId) {
      return (
        await d.all('SELECT * FROM party_ratings WHERE tenant_id = ? AND party_id = ? ORDER BY at, id', [
          tenantId,
          partyId,
        ])
      ).map(ratingFromRow);
    },

    async eraseParty(tenantId, partyId, at, audit) {
      await d.tx(async (x) => {
        await queue(x, audit);
        await x.run('DELETE FROM party_subject_keys WHERE tenant_id = ? AND party_id = ?', [tenantId, partyId]);
        await x.run('DELETE FROM party_blind_index WHERE tenant_id = ? AND party_id = ?', [tenantId, partyId]);
        await x.run('UPDATE party_parties SET erased_at = ? WHERE tenant_id = ? AND id = ? AND erased_at IS NULL', [
          at,
          tenantId,
          partyId,
        ]);
      });
    },

    async eraseTenant(tenantId, at, audit) {
      await d.tx(async (x) => {
        await queue(x, audit);
        await x.run('DELETE FROM party_tenant_keys WHERE tenant_id = ?', [tenantId]);
        await x.run('DELETE FROM party_subject_keys WHERE tenant_id = ?', [tenantId]);
        await x.run('DELETE FROM party_blind_index WHERE tenant_id = ?', [tenantId]);
        await x.run('UPDATE party_parties SET erased_at = ? WHERE tenant_id = ? AND erased_at IS NULL', [at, tenantId]);
      });
    },
  };
}

export function openSqlitePartyStore(file: string): PartyStore {
  return sqlPartyStore(sqliteDriver(file));
}

export function openPostgresPartyStore(url: string, opts: { schema?: string; poolSize?: number } = {}): PartyStore {
  return sqlPartyStore(postgresDriver(url, opts.schema ?? 'zhili', opts.poolSize));
}
