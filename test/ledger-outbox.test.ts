/**
 * The audit trail has no holes, over real HTTP: an operator action is covered by a signed checkpoint
 * as soon as it is acknowledged; an outbox row committed with its action reaches the ledger after a
 * crash (and a rolled-back one never does); the signing key is stored wrapped under the master key
 * (a clear key from an older version is wrapped at start); the data files are the owner's only.
 */
import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueueAudit, formatVerifierKey, openCheckpoint, parseVerifierKey } from '../src/ledger/index.ts';
import { sqliteDriver } from '../src/store/adapters.ts';
import { startServer, type TestServer } from './support/server.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
});

async function serve(dataDir?: string): Promise<TestServer> {
  const s = await startServer(dataDir ? { dataDir } : {});
  servers.push(s);
  return s;
}

async function stop(s: TestServer): Promise<void> {
  servers.splice(servers.indexOf(s), 1);
  await s.close();
}

async function checkpointSize(s: TestServer): Promise<number> {
  const r = await s.call('GET', '/v1/ledger/checkpoint');
  expect(r.status).toBe(200);
  return Number(String(r.body).split('\n')[1]);
}

/** This tenant's audit entries among the first `size` entries. */
async function auditEntries(
  s: TestServer,
  size: number,
  apiKey = s.apiKey,
): Promise<{ index: number; action: string; subjectId?: string }[]> {
  const out = [];
  for (let i = 0; i < size; i++) {
    const r = await s.call('GET', `/v1/ledger/entries/${i}`, undefined, apiKey);
    if (r.status === 200 && r.body.entry.kind === 'audit') out.push({ index: i, ...r.body.entry });
  }
  return out;
}

const mode = (p: string): number => statSync(p).mode & 0o777;

describe('audit outbox and checkpoints', () => {
  it('covers an operator action with a signed checkpoint as soon as it is acknowledged', async () => {
    const s = await serve();
    const before = await checkpointSize(s);
    await s.login(['admin']); // auth.login goes to the ledger
    const size = await checkpointSize(s);
    expect(size).toBeGreaterThan(before);
    const logins = (await auditEntries(s, size)).filter((e) => e.action === 'auth.login');
    expect(logins).toHaveLength(1);
    expect(logins[0]!.index).toBeLessThan(size);
  });

  it('appends an outbox row committed with its action after a crash; a rolled-back one never', async () => {
    const s = await serve();
    const { dataDir, tenantId, apiKey } = s;
    await stop(s);
    // The "crash": the action and its outbox row committed, then the process died before the ledger ran.
    const db = sqliteDriver(join(dataDir, 'zhili.db'));
    await db.tx(async (x) => {
      await enqueueAudit(x, { tenantId, action: 'case.close', actorId: 'usr_crash', subjectId: 'case_1', at: 1 }, 1);
    });
    await expect(
      db.tx(async (x) => {
        await enqueueAudit(x, { tenantId, action: 'case.close', actorId: 'usr_rolled', subjectId: 'case_2', at: 2 }, 2);
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    await db.close();

    const again = await serve(dataDir);
    const size = await checkpointSize(again);
    const closes = (await auditEntries(again, size, apiKey)).filter((e) => e.action === 'case.close');
    expect(closes.map((e) => e.subjectId)).toEqual(['case_1']);
    const left = new Database(join(dataDir, 'zhili.db'), { readonly: true });
    expect(left.prepare('SELECT COUNT(*) FROM ledger_outbox').pluck().get()).toBe(0);
    left.close();
  });

  it('refuses an outbox entry that would hold personal data, inside the transaction', async () => {
    const s = await serve();
    const db = sqliteDriver(join(s.dataDir, 'zhili.db'));
    await expect(
      db.tx((x) => enqueueAudit(x, { tenantId: s.tenantId, action: 'case.close', actorId: 'Li Lei 李雷', at: 1 }, 1)),
    ).rejects.toThrow(/actorId/);
    await db.close();
  });
});

describe('signing key and data files', () => {
  it('stores the signing key wrapped under the master key and the data files for the owner only', async () => {
    const s = await serve();
    expect(mode(s.dataDir)).toBe(0o700);
    for (const f of ['zhili.db', 'zhili.db-wal', 'master.key']) expect(mode(join(s.dataDir, f))).toBe(0o600);
    const db = new Database(join(s.dataDir, 'zhili.db'), { readonly: true });
    const keys = db.prepare('SELECT private_key FROM ledger_keys').pluck().all() as string[];
    db.close();
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k).toMatch(/^kek-aes256gcm:[0-9a-f]{16}:/);
  });

  it('wraps a clear key left by an older version at start, and signs with it', async () => {
    const first = await serve();
    const { dataDir } = first;
    await stop(first);
    const { privateKey } = generateKeyPairSync('ed25519');
    const vkey = formatVerifierKey('zhili.local/audit', privateKey);
    const clear = `pkcs8:${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
    const db = new Database(join(dataDir, 'zhili.db'));
    db.prepare('UPDATE ledger_keys SET retired_at = 1, active = NULL WHERE active = 1').run();
    db.prepare('INSERT INTO ledger_keys (verifier_key, private_key, created_at, active) VALUES (?, ?, 2, 1)').run(
      vkey,
      clear,
    );
    db.close();

    const s = await serve(dataDir);
    await s.login(['auditor']); // an append, and so a checkpoint signed by the active key
    const ro = new Database(join(dataDir, 'zhili.db'), { readonly: true });
    const stored = ro.prepare('SELECT private_key FROM ledger_keys WHERE verifier_key = ?').pluck().get(vkey) as string;
    ro.close();
    expect(stored).toMatch(/^kek-aes256gcm:/);
    expect(stored).not.toContain(clear.slice(6));
    const note = (await s.call('GET', '/v1/ledger/checkpoint')).body as string;
    const v = parseVerifierKey(vkey);
    expect(v.ok && openCheckpoint(note, [v.verifier]).ok).toBe(true);
  });
});
