/**
 * The hub's own audit ledger, on SQLite and PostgreSQL, over real HTTP: a four-eyes status change is in
 * the ledger in order (proposal by one supervisor, approval by another) under a signed checkpoint;
 * the tree verifies from outside (`/v1/ledger/…` with the platform's HTTP verifier) and on the hub's
 * tables; an altered hub_audit row, a row added afterwards and an altered ledger entry are each found.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { httpSource, parseEntry, parseVerifierKey, verifyLedger, type NoteVerifier } from '../../src/ledger/index.ts';
import { openHub } from '../../src/cli/hub.ts';
import { loadHubConfig, verifyHubLedger } from '../../src/supervision/index.ts';
import { openHubStore } from '../../src/supervision/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { PASSWORD, requestKeys, startHub, type TestHub } from './hub-support.ts';

const ok = (r: { status: number; body: unknown }, status = 200) =>
  expect(r.status, JSON.stringify(r.body)).toBe(status);

const root = join(import.meta.dirname, '../..');

/** The real `zhili` command, in its own process, as an auditor or the hub's operator runs it. */
async function zhili(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [join(root, 'bin/zhili.js'), ...args], {
      cwd: root,
      env: { ...process.env, ZHILI_DATABASE_URL: '', ZHILI_TOKEN: '', ZHILI_HUB_DATABASE_URL: '', ...env },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

/** Runs one SQL statement on the hub's database, behind the hub's back (an insider with database access). */
type Tamper = (sql: string, params: unknown[]) => Promise<number>;

function scenario(name: string, env: () => Record<string, string>, tamperer: (t: TestHub) => Tamper): void {
  describe(`hub audit ledger: ${name}`, () => {
    let t: TestHub | undefined;
    afterAll(async () => {
      await t?.close();
    });

    it('holds a four-eyes status change in order, verifies from outside and on its tables, and finds tampering', async () => {
      t = await startHub(env());
      const hub = t;
      const sup: Record<string, string> = {};
      for (const u of ['alice', 'bob'])
        sup[u] = (
          await hub.hub.supervisors.create({ username: u, password: PASSWORD, admin: u === 'alice' }, 'cli')
        ).id;
      const alice = await hub.login('alice');
      const bob = await hub.login('bob');
      const reg = await hub.call(
        'POST',
        '/v1/hub/platforms',
        {
          name: 'Pay L 账本测试',
          licenceType: 'payment',
          businessScope: ['payments'],
          origin: 'pay-l.example/audit',
          ledgerKeys: [requestKeys('pay-l.example/audit').verifierKey],
          requestKey: requestKeys('pay-l.example').verifierKey,
        },
        alice,
      );
      ok(reg, 201);
      const platformId = reg.body.id as string;
      const proposed = await hub.call(
        'POST',
        `/v1/hub/platforms/${platformId}/status-changes`,
        { to: 'licensed', reason: 'licence granted 准予许可' },
        alice,
      );
      ok(proposed, 201);
      ok(await hub.call('POST', `/v1/hub/status-changes/${proposed.body.id}/approve`, undefined, bob));
      await hub.hub.ledger.catchUp();

      // The ledger's entries: the platform's registration, then the proposal by alice, then the approval by bob.
      const size = await hub.hub.ledger.size();
      const entries = (await hub.hub.store.ledger.readLeaves(0, size)).map((r) => ({
        index: r.index,
        ...(parseEntry(r.entry) as { action: string; actorId: string; subjectId?: string; tenantId: string }),
      }));
      const about = entries.filter((e) => e.subjectId === platformId || e.action.startsWith('platform.status'));
      expect(about.map((e) => [e.action, e.actorId])).toEqual([
        ['platform.register', sup.alice],
        ['platform.status.propose', sup.alice],
        ['platform.status.approve', sup.bob],
      ]);
      expect(entries.every((e) => e.tenantId === 'hub')).toBe(true);
      // Sign-ins are there too, without the typed username.
      const logins = entries.filter((e) => e.action === 'auth.login');
      expect(logins.map((e) => e.actorId).sort()).toEqual([sup.alice, sup.bob].sort());
      expect(logins.every((e) => e.subjectId === undefined)).toBe(true);

      // From outside: the checkpoint and proofs are public, entries need a supervisor session.
      const keys = await hub.call('GET', '/v1/ledger/key');
      ok(keys);
      expect(keys.body.origin).toBe('zhili-hub.local/audit');
      const verifiers: NoteVerifier[] = (keys.body.keys as { verifierKey: string }[]).map((k) => {
        const p = parseVerifierKey(k.verifierKey);
        if (!p.ok) throw new Error(p.reason);
        return p.verifier;
      });
      const cp = await hub.call('GET', '/v1/ledger/checkpoint');
      ok(cp);
      expect(cp.text.split('\n').slice(0, 2)).toEqual(['zhili-hub.local/audit', String(size)]);
      ok(await hub.call('GET', '/v1/ledger/entries/0'), 401);
      const outside = await verifyLedger(httpSource(hub.url, alice), { verifiers });
      expect(outside.problems).toEqual([]);
      expect(outside.ok).toBe(true);
      expect(outside.checked).toBe(size);
      expect(outside.checkpoint?.size).toBe(size);
      // The hub's witness key does not sign its ledger (a key of its own).
      expect(verifiers.map((v) => v.name)).toEqual(['zhili-hub.local/audit']);

      const inside = await verifyHubLedger(hub.hub.store, { verifiers, full: true });
      expect(inside.problems).toEqual([]);
      expect(inside.ok).toBe(true);
      // The same two checks by the real commands.
      const key = (keys.body.keys as { verifierKey: string }[])[0]!.verifierKey;
      const url = await zhili({}, 'ledger', 'verify', '--url', hub.url, '--token', alice, '--key', key);
      expect(url.out).toContain('OK: the ledger verifies');
      expect(url.code).toBe(0);
      const hubArgs = ['hub', '--hub-dir', hub.hub.config.hubDir, 'ledger-verify', '--key', key];
      const cmdEnv: Record<string, string> = { ZHILI_HUB_DATABASE_URL: hub.hub.config.databaseUrl ?? '' };
      const local = await zhili(cmdEnv, ...hubArgs);
      expect(local.out).toContain(`entries checked: ${size}`);
      expect(local.out).toContain('OK: the hub ledger verifies');
      expect(local.code).toBe(0);

      // An insider edits the approval's audit row (who approved): the row no longer matches its entry.
      const tamper = tamperer(hub);
      expect(
        await tamper(`UPDATE hub_audit SET actor_id = ? WHERE action = 'platform.status.approve'`, [sup.alice]),
      ).toBe(1);
      const edited = await verifyHubLedger(hub.hub.store, { verifiers, full: true });
      expect(edited.ok).toBe(false);
      const approval = about[2] as { index: number };
      expect(edited.firstBad?.index).toBe(approval.index);
      expect(edited.problems.join('\n')).toContain('the stored record no longer matches the ledger entry');
      const failed = await zhili(cmdEnv, ...hubArgs);
      expect(failed.out).toContain(`PROBLEM: entry ${approval.index}`);
      expect(failed.out).toContain('FAILED');
      expect(failed.code).toBe(2);
      await tamper(`UPDATE hub_audit SET actor_id = ? WHERE action = 'platform.status.approve'`, [sup.bob]);
      expect((await verifyHubLedger(hub.hub.store, { verifiers, full: true })).ok).toBe(true);

      // A row slipped in afterwards has no entry.
      await tamper(`INSERT INTO hub_audit (actor_id, action, subject_id, detail, at) VALUES (?, ?, ?, ?, ?)`, [
        sup.bob,
        'platform.status.approve',
        platformId,
        '{}',
        1,
      ]);
      const added = await verifyHubLedger(hub.hub.store, { verifiers, full: true });
      expect(added.ok).toBe(false);
      expect(added.problems.join('\n')).toMatch(/hub_audit row \d+ \(platform\.status\.approve\) has no ledger entry/);
      await tamper(`DELETE FROM hub_audit WHERE at = 1`, []);

      // An entry rewritten in the ledger tables (leaf hash too) is not in the signed tree any more.
      const forged = JSON.stringify({
        ...JSON.parse((await hub.hub.store.ledger.readLeaves(approval.index, 1))[0]!.entry),
        actorId: sup.alice,
      });
      await tamper(`UPDATE ledger_leaves SET entry = ? WHERE idx = ?`, [forged, approval.index]);
      const rewritten = await verifyLedger(httpSource(hub.url, alice), { verifiers });
      expect(rewritten.ok).toBe(false);
      expect(rewritten.firstBad?.index).toBe(approval.index);
    }, 120_000);
  });
}

describe('hub audit ledger: a hub upgraded from a version without one', () => {
  it('puts the actions recorded before into the ledger first, in order, and verifies', async () => {
    const hubDir = mkdtempSync(join(tmpdir(), 'zhili-hub-old-'));
    const old = openHubStore({ hubDir });
    await old.migrate();
    // What an older hub left: hub_audit rows and no ledger entries.
    const db = new Database(join(hubDir, 'hub.db'));
    for (const [i, action] of ['supervisor.create', 'platform.register', 'platform.status.propose'].entries())
      db.prepare('INSERT INTO hub_audit (actor_id, action, subject_id, detail, at) VALUES (?, ?, ?, ?, ?)').run(
        'sup_old',
        action,
        `obj_${i}`,
        '{}',
        1_700_000_000_000 + i,
      );
    db.close();
    await old.close();
    const hub = await openHub(loadHubConfig({ hubDir, port: 0 }, {}));
    try {
      await hub.ledger.catchUp();
      const leaves = await hub.store.ledger.readLeaves(0, 10);
      expect(leaves.map((l) => (parseEntry(l.entry) as { action: string }).action)).toEqual([
        'supervisor.create',
        'platform.register',
        'platform.status.propose',
      ]);
      const verifiers = (await hub.ledger.verifierKeys()).map((k) => {
        const p = parseVerifierKey(k.verifierKey);
        if (!p.ok) throw new Error(p.reason);
        return p.verifier;
      });
      const report = await verifyHubLedger(hub.store, { verifiers, full: true });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await hub.close();
    }
  }, 60_000);
});

scenario(
  'SQLite',
  () => ({}),
  (t) => async (sql, params) => {
    const db = new Database(join(t.hub.config.hubDir, 'hub.db'));
    try {
      return db.prepare(sql).run(...params).changes;
    } finally {
      db.close();
    }
  },
);

const schema = uniqueSchema('zhili_hub_ledger');
if (await postgresAvailable()) {
  scenario(
    'PostgreSQL',
    () => {
      const url = new URL(pgUrl);
      url.searchParams.set('schema', schema);
      return { ZHILI_HUB_DATABASE_URL: url.toString() };
    },
    () => async (sql, params) => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      try {
        await c.query(`SET search_path TO ${schema}`);
        let i = 0;
        return (
          (
            await c.query(
              sql.replace(/\?/g, () => `$${++i}`),
              params,
            )
          ).rowCount ?? 0
        );
      } finally {
        await c.end();
      }
    },
  );
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('hub audit ledger: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
