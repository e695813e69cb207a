import { Type } from '@sinclair/typebox';
import type { LedgerStore } from '../../ledger/index.ts';
import { isUniqueViolation, rowOf, type Row, type SqlDriver } from '../../store/index.ts';
import { platformStatuses } from '../core/status.ts';
import { hubSchema } from './schema.ts';
import { sqlAudit, writeAudit } from './sql-audit.ts';
import { sqlFilings } from './sql-filings.ts';
import { sqlAlerts } from './sql-alerts.ts';
import type { HubStore, PlatformRecord, StatusChange, SupervisorRecord, WitnessedCheckpoint } from './port.ts';

const Strings = Type.Array(Type.String());
const decisions = ['pending', 'approved', 'rejected'] as const;

const supervisorOf = (row: Row): SupervisorRecord => {
  const r = rowOf(row, 'hub_supervisors');
  return {
    id: r.str('id'),
    username: r.str('username'),
    passwordHash: r.str('password_hash'),
    admin: r.bool('admin'),
    createdAt: r.int('created_at'),
    disabled: r.bool('disabled'),
  };
};

const platformOf = (row: Row): PlatformRecord => {
  const r = rowOf(row, 'hub_platforms');
  return {
    id: r.str('id'),
    name: r.str('name'),
    licenceType: r.str('licence_type'),
    businessScope: r.json('business_scope', Strings),
    status: r.oneOf('status', platformStatuses),
    origin: r.str('origin'),
    ledgerKeys: r.json('ledger_keys', Strings),
    requestKey: r.str('request_key'),
    registeredAt: r.int('registered_at'),
    registeredBy: r.str('registered_by'),
  };
};

const changeOf = (row: Row): StatusChange => {
  const r = rowOf(row, 'hub_status_changes');
  return {
    id: r.str('id'),
    platformId: r.str('platform_id'),
    from: r.oneOf('from_status', platformStatuses),
    to: r.oneOf('to_status', platformStatuses),
    reason: r.str('reason'),
    proposedBy: r.str('proposed_by'),
    proposedAt: r.int('proposed_at'),
    decision: r.oneOf('decision', decisions),
    decidedBy: r.optStr('decided_by'),
    decidedAt: r.optInt('decided_at'),
  };
};

const checkpointOf = (row: Row): WitnessedCheckpoint => {
  const r = rowOf(row, 'hub_checkpoints');
  return {
    platformId: r.str('platform_id'),
    size: r.int('size'),
    rootHash: r.str('root_hash'),
    note: r.str('note'),
    cosignature: r.str('cosignature'),
    at: r.int('at'),
  };
};

/**
 * The hub's store over one SQL driver (either dialect: the SQL is common to both), with the hub's
 * ledger tables in the same database (`ledger`, whose migration creates the outbox the audit writes to).
 */
export function sqlHubStore(db: SqlDriver, ledger: LedgerStore): HubStore {
  const one = async <T>(sql: string, params: unknown[], map: (r: Row) => T): Promise<T | undefined> => {
    const [row] = await db.all(sql, params);
    return row === undefined ? undefined : map(row);
  };
  return {
    dialect: db.dialect,
    ledger,
    async migrate() {
      await ledger.migrate();
      await db.exec(hubSchema(db.dialect));
    },
    async close() {
      await ledger.close();
      await db.close();
    },

    addSupervisor: (s, audit) =>
      db.tx(async (x) => {
        await x.run(
          'INSERT INTO hub_supervisors (id, username, password_hash, admin, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?)',
          [s.id, s.username, s.passwordHash, s.admin ? 1 : 0, s.createdAt, s.disabled ? 1 : 0],
        );
        await writeAudit(x, audit);
      }),
    supervisorByName: (username) => one('SELECT * FROM hub_supervisors WHERE username = ?', [username], supervisorOf),
    supervisor: (id) => one('SELECT * FROM hub_supervisors WHERE id = ?', [id], supervisorOf),
    async putSession(s) {
      await db.run('INSERT INTO hub_sessions (token_hash, supervisor_id, expires_at) VALUES (?, ?, ?)', [
        s.tokenHash,
        s.supervisorId,
        s.expiresAt,
      ]);
    },
    session: (tokenHash) =>
      one('SELECT * FROM hub_sessions WHERE token_hash = ?', [tokenHash], (row) => {
        const r = rowOf(row, 'hub_sessions');
        return { tokenHash: r.str('token_hash'), supervisorId: r.str('supervisor_id'), expiresAt: r.int('expires_at') };
      }),
    async dropSession(tokenHash) {
      await db.run('DELETE FROM hub_sessions WHERE token_hash = ?', [tokenHash]);
    },

    addPlatform: (p, audit) =>
      db.tx(async (x) => {
        await x.run(
          `INSERT INTO hub_platforms (id, name, licence_type, business_scope, status, origin, ledger_keys, request_key,
             registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            p.id,
            p.name,
            p.licenceType,
            JSON.stringify(p.businessScope),
            p.status,
            p.origin,
            JSON.stringify(p.ledgerKeys),
            p.requestKey,
            p.registeredAt,
            p.registeredBy,
          ],
        );
        await writeAudit(x, audit);
      }),
    platform: (id) => one('SELECT * FROM hub_platforms WHERE id = ?', [id], platformOf),
    platformByOrigin: (origin) => one('SELECT * FROM hub_platforms WHERE origin = ?', [origin], platformOf),
    platforms: async () => (await db.all('SELECT * FROM hub_platforms ORDER BY registered_at, id')).map(platformOf),
    setLedgerKeys: (id, keys, audit) =>
      db.tx(async (x) => {
        const n = await x.run('UPDATE hub_platforms SET ledger_keys = ? WHERE id = ?', [JSON.stringify(keys), id]);
        if (n === 1) await writeAudit(x, audit);
        return n === 1;
      }),

    proposeChange: (c, audit) =>
      db.tx(async (x) => {
        await x.run(
          `INSERT INTO hub_status_changes (id, platform_id, from_status, to_status, reason, proposed_by, proposed_at,
             decision, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', NULL, NULL)`,
          [c.id, c.platformId, c.from, c.to, c.reason, c.proposedBy, c.proposedAt],
        );
        await writeAudit(x, audit);
      }),
    change: (id) => one('SELECT * FROM hub_status_changes WHERE id = ?', [id], changeOf),
    changes: async (platformId) =>
      (
        await db.all('SELECT * FROM hub_status_changes WHERE platform_id = ? ORDER BY proposed_at, id', [platformId])
      ).map(changeOf),
    decideChange: (id, decision, by, at, audit) =>
      db
        .tx(async (x) => {
          const [row] = await x.all('SELECT * FROM hub_status_changes WHERE id = ?', [id]);
          if (!row) return false;
          const c = changeOf(row);
          // The proposer can never decide, whatever the caller checked: four eyes hold in the store too.
          const n = await x.run(
            `UPDATE hub_status_changes SET decision = ?, decided_by = ?, decided_at = ?
             WHERE id = ? AND decision = 'pending' AND proposed_by <> ?`,
            [decision, by, at, id, by],
          );
          if (n !== 1) return false;
          if (decision === 'approved') {
            const moved = await x.run('UPDATE hub_platforms SET status = ? WHERE id = ? AND status = ?', [
              c.to,
              c.platformId,
              c.from,
            ]);
            if (moved !== 1) throw new StaleDecision();
          }
          await writeAudit(x, audit);
          return true;
        })
        .catch((e: unknown) => {
          if (e instanceof StaleDecision) return false;
          throw e;
        }),

    witnessState: (platformId) =>
      one('SELECT * FROM hub_witness_state WHERE platform_id = ?', [platformId], checkpointOf),
    acceptCheckpoint: (cp, oldSize) =>
      db
        .tx(async (x) => {
          const [row] = await x.all('SELECT size, advanced_at FROM hub_witness_state WHERE platform_id = ?', [
            cp.platformId,
          ]);
          const current = row === undefined ? undefined : rowOf(row, 'hub_witness_state');
          if ((current?.int('size') ?? 0) !== oldSize) return false;
          const advancedAt = current && current.int('size') === cp.size ? current.int('advanced_at') : cp.at;
          if (!current) {
            await x.run(
              `INSERT INTO hub_witness_state (platform_id, size, root_hash, note, cosignature, at, advanced_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)`,
              [cp.platformId, cp.size, cp.rootHash, cp.note, cp.cosignature, cp.at, advancedAt],
            );
          } else {
            const n = await x.run(
              `UPDATE hub_witness_state SET size = ?, root_hash = ?, note = ?, cosignature = ?, at = ?, advanced_at = ?
               WHERE platform_id = ? AND size = ?`,
              [cp.size, cp.rootHash, cp.note, cp.cosignature, cp.at, advancedAt, cp.platformId, oldSize],
            );
            if (n !== 1) return false;
          }
          await x.run(
            'INSERT INTO hub_checkpoints (platform_id, size, root_hash, note, cosignature, at) VALUES (?, ?, ?, ?, ?, ?)',
            [cp.platformId, cp.size, cp.rootHash, cp.note, cp.cosignature, cp.at],
          );
          await writeAudit(x, {
            actorId: cp.platformId,
            action: 'witness.checkpoint_accept',
            subjectId: cp.platformId,
            detail: JSON.stringify({ size: cp.size, rootHash: cp.rootHash }),
            at: cp.at,
          });
          return true;
        })
        .catch((e: unknown) => {
          if (isUniqueViolation(e)) return false; // a concurrent first checkpoint won
          throw e;
        }),
    checkpoints: async (platformId, limit) =>
      (
        await db.all('SELECT * FROM hub_checkpoints WHERE platform_id = ? ORDER BY seq DESC LIMIT ?', [
          platformId,
          limit,
        ])
      ).map(checkpointOf),
    checkpointAt: (platformId, size) =>
      one(
        'SELECT * FROM hub_checkpoints WHERE platform_id = ? AND size = ? ORDER BY seq DESC LIMIT 1',
        [platformId, size],
        checkpointOf,
      ),
    async lastAdvanced() {
      const rows = await db.all('SELECT platform_id, advanced_at FROM hub_witness_state');
      return new Map(
        rows.map((row) => {
          const r = rowOf(row, 'hub_witness_state');
          return [r.str('platform_id'), r.int('advanced_at')];
        }),
      );
    },

    async useNonce(keyId, nonce, expiresAt, now) {
      await db.run('DELETE FROM hub_nonces WHERE expires_at < ?', [now]);
      try {
        await db.run('INSERT INTO hub_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?)', [keyId, nonce, expiresAt]);
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    ...sqlAudit(db),
    ...sqlAlerts(db),
    ...sqlFilings(db),
  };
}

class StaleDecision extends Error {}
