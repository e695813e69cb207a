/**
 * One hub and two platforms over real HTTP: platforms push signed checkpoints, the hub cosigns them
 * (C2SP tlog-witness / tlog-cosignature), platforms serve them cosigned and `zhili ledger verify
 * --witness` requires the cosignature; a platform whose ledger was rewritten is alarmed at the hub,
 * as are checkpoints signed by an unregistered key and a ledger that stops advancing.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MemoryTree,
  formatCosignerVerifierKey,
  hashLeaf,
  parseCosignerVerifierKey,
  signHubRequest,
  parseSignerKey,
  registerLedgerCommands,
  verifyCosignature,
} from '../../src/ledger/index.ts';
import { WitnessRefusedError } from '../../src/ledger/adapters.ts';
import { event, type TestServer } from '../support/server.ts';
import { PASSWORD, requestKeys, startHub, startPlatform, type TestHub } from './hub-support.ts';

const root = join(import.meta.dirname, '../..');
let t: TestHub;
let alice: string;
let bob: string;
const a = { id: '', origin: 'pay-a.example/audit', keys: requestKeys('pay-a.example') };
const b = { id: '', origin: 'lend-b.example/audit', keys: requestKeys('lend-b.example') };
let pa: TestServer;
let pb: TestServer;

async function ledgerKey(s: TestServer): Promise<string> {
  const r = await s.call('GET', '/v1/ledger/key');
  return r.body.keys[0].verifierKey as string;
}

/** Decides `n` events, appends them to the ledger, signs a checkpoint. */
async function grow(s: TestServer, n: number): Promise<void> {
  for (let i = 0; i < n; i++) expect((await s.call('POST', '/v1/events', event())).status).toBe(200);
  await s.zhili.ledger.catchUp();
  await s.zhili.ledger.publishCheckpoint();
}

const errorCode = async (r: Response): Promise<string> => ((await r.json()) as { error: { code: string } }).error.code;

async function zhili(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [join(root, 'bin/zhili.js'), ...args], {
      cwd: root,
      env: { ...process.env, ZHILI_DATABASE_URL: '', ZHILI_TOKEN: '' },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

beforeAll(async () => {
  t = await startHub();
  await t.hub.supervisors.create({ username: 'alice', password: PASSWORD, admin: true }, 'cli');
  await t.hub.supervisors.create({ username: 'bob', password: PASSWORD, admin: false }, 'cli');
  alice = await t.login('alice');
  bob = await t.login('bob');
  // Registered with a ledger key the platform does not have yet (fixed below).
  for (const p of [a, b]) {
    const r = await t.call(
      'POST',
      '/v1/hub/platforms',
      {
        name: p === a ? 'Pay A 甲支付' : 'Lend B 乙网贷',
        licenceType: p === a ? 'payment' : 'online_lending',
        businessScope: ['payments'],
        origin: p.origin,
        ledgerKeys: [requestKeys(p.origin).verifierKey],
        requestKey: p.keys.verifierKey,
      },
      alice,
    );
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('applying');
    p.id = r.body.id;
  }
  pa = await startPlatform(t, a);
  pb = await startPlatform(t, b);
}, 60_000);

afterAll(async () => {
  await pa?.close();
  await pb?.close();
  await t?.close();
});

describe('supervision hub: registry and four eyes', () => {
  it('a status change needs a second supervisor; the history names both', async () => {
    const proposed = await t.call(
      'POST',
      `/v1/hub/platforms/${a.id}/status-changes`,
      { to: 'licensed', reason: '牌照已批' },
      alice,
    );
    expect(proposed.status).toBe(201);
    const self = await t.call('POST', `/v1/hub/status-changes/${proposed.body.id}/approve`, undefined, alice);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    expect(self.body.error.messageZh).toMatch(/另一名监管人员/);
    expect((await t.call('GET', `/v1/hub/platforms/${a.id}`, undefined, alice)).body.platform.status).toBe('applying');
    const ok = await t.call('POST', `/v1/hub/status-changes/${proposed.body.id}/approve`, undefined, bob);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      decision: 'approved',
      proposedBy: proposed.body.proposedBy,
      from: 'applying',
      to: 'licensed',
    });
    expect(ok.body.decidedBy).not.toBe(ok.body.proposedBy);
    const again = await t.call('POST', `/v1/hub/status-changes/${proposed.body.id}/approve`, undefined, bob);
    expect(again.status).toBe(409);
    const history = await t.call('GET', `/v1/hub/platforms/${a.id}/status-changes`, undefined, bob);
    expect(history.body.changes).toHaveLength(1);
    expect((await t.call('GET', `/v1/hub/platforms/${a.id}`, undefined, bob)).body.platform.status).toBe('licensed');
    // B is licensed too, proposed by bob and approved by alice.
    const pbChange = await t.call(
      'POST',
      `/v1/hub/platforms/${b.id}/status-changes`,
      { to: 'licensed', reason: 'ok' },
      bob,
    );
    expect((await t.call('POST', `/v1/hub/status-changes/${pbChange.body.id}/approve`, undefined, alice)).status).toBe(
      200,
    );
  });

  it('refuses a transition the state machine does not allow, and anonymous callers', async () => {
    const r = await t.call('POST', `/v1/hub/platforms/${a.id}/status-changes`, { to: 'exited', reason: 'x' }, alice);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('ZHILI_E_PLATFORM_TRANSITION');
    expect((await t.call('GET', '/v1/hub/platforms')).status).toBe(401);
    const nonAdmin = await t.call(
      'POST',
      '/v1/hub/platforms',
      {
        name: 'x',
        licenceType: 'x',
        businessScope: [],
        origin: 'x/y',
        ledgerKeys: [a.keys.verifierKey],
        requestKey: a.keys.verifierKey,
      },
      bob,
    );
    expect(nonAdmin.status).toBe(403);
  });
});

describe('supervision hub: witness', () => {
  it('alarms a checkpoint signed by a key the hub does not know, and cosigns once the key is registered', async () => {
    await expect(pa.zhili.hubWitness?.sync()).rejects.toMatchObject({ status: 403 });
    const alerts = await t.call('GET', `/v1/hub/alerts?platformId=${a.id}&open=true`, undefined, bob);
    expect(alerts.body.alerts.map((x: { kind: string }) => x.kind)).toEqual(['unknown_key']);
    expect(alerts.body.alerts[0].message).toContain(a.id);
    expect(alerts.body.alerts[0].submittedCheckpoint).toContain(a.origin);

    for (const [p, s] of [
      [a, pa],
      [b, pb],
    ] as const) {
      const r = await t.call(
        'PUT',
        `/v1/hub/platforms/${p.id}/ledger-keys`,
        { ledgerKeys: [await ledgerKey(s)] },
        alice,
      );
      expect(r.status).toBe(200);
      expect(await s.zhili.hubWitness?.sync()).toMatchObject({ cosigned: expect.any(Number) });
    }
  });

  it('serves the checkpoint with the hub cosignature, and cosigns growth with a consistency proof', async () => {
    const hubKey = parseCosignerVerifierKey(t.hub.verifierKey);
    if (!hubKey.ok) throw new Error(hubKey.reason);
    await grow(pa, 5);
    expect(await pa.zhili.hubWitness?.sync()).toMatchObject({ cosigned: expect.any(Number) });
    await grow(pa, 3);
    const pushed = await pa.zhili.hubWitness?.sync();
    expect(pushed).toMatchObject({ cosigned: expect.any(Number) });
    expect(await pa.zhili.hubWitness?.sync()).toEqual({ unchanged: true });
    const served = await pa.call('GET', '/v1/ledger/checkpoint');
    expect(served.status).toBe(200);
    const note = String(served.body);
    expect(note).toContain(`\n— ${hubKey.verifier.name} `);
    expect(verifyCosignature(note, hubKey.verifier)).toMatchObject({ ok: true });
    const cps = await t.call('GET', `/v1/hub/platforms/${a.id}/checkpoints`, undefined, bob);
    expect(cps.body.checkpoints.length).toBeGreaterThanOrEqual(3);
    expect(cps.body.checkpoints[0].size).toBe(pushed && 'cosigned' in pushed ? pushed.cosigned : -1);
    const detail = await t.call('GET', `/v1/hub/platforms/${a.id}`, undefined, bob);
    expect(detail.body.witnessed.note.split('\n\n')[0]).toBe(note.split('\n\n')[0]);
  });

  it('zhili ledger verify --witness passes with the hub key and fails with another', async () => {
    const args = ['ledger', 'verify', '--url', pa.url, '--token', pa.apiKey, '--key', await ledgerKey(pa)];
    // The real command, as an auditor runs it.
    const good = await zhili(...args, '--witness', t.hub.verifierKey);
    expect(good.out).toContain('OK');
    expect(good.code).toBe(0);
    // The same command in this process (its parsing and checks; no second process start).
    const other = formatCosignerVerifierKey('zhili-hub.local/witness', generateKeyPairSync('ed25519').privateKey);
    const program = new Command().exitOverride();
    registerLedgerCommands(program, { open: () => Promise.reject(new Error('no local stores here')) });
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...x: unknown[]) => void lines.push(x.join(' ')));
    try {
      await program.parseAsync(['node', 'zhili', ...args, '--witness', other]);
      expect(process.exitCode).toBe(2);
    } finally {
      log.mockRestore();
      process.exitCode = undefined;
    }
    expect(lines.join('\n')).toMatch(/PROBLEM: checkpoint not witnessed: (invalid|no) cosignature/);
    expect(lines.join('\n')).toContain('FAILED');
  }, 30_000);

  it('refuses unsigned, badly signed and replayed platform requests', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${t.url}/v1/hub/witness/add-checkpoint`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...headers },
        body,
      });
    const body = 'old 0\n\nx\n';
    expect((await post({}, body)).status).toBe(401);
    const signer = parseSignerKey(a.keys.signerKey);
    if (!signer.ok) throw new Error(signer.reason);
    const auth = signHubRequest(a.id, signer.signer.privateKey, {
      method: 'POST',
      path: '/v1/hub/witness/add-checkpoint',
      timestamp: Math.floor(Date.now() / 1000),
      nonce: 'nonce-abcdefghijklmnop',
      body,
    });
    const first = await post({ authorization: auth }, body);
    expect(first.status).toBe(400); // signed and fresh: judged (and refused as malformed)
    const replay = await post({ authorization: auth }, body);
    expect(replay.status).toBe(401);
    expect(await errorCode(replay)).toBe('ZHILI_E_HUB_SIGNATURE');
    const tampered = await post(
      { authorization: auth.replace('nonce-abcdefghijklmnop', 'nonce-abcdefghijklmnoq') },
      body,
    );
    expect(tampered.status).toBe(401);

    // The multi-lending registry served by the hub takes the same signed requests (JSON bodies).
    const query = JSON.stringify({ requestId: 'x' });
    const path = '/v1/hub/loans/query';
    const sign = (nonce: string) =>
      signHubRequest(a.id, signer.signer.privateKey, {
        method: 'POST',
        path,
        timestamp: Math.floor(Date.now() / 1000),
        nonce,
        body: query,
      });
    const send = (authorization?: string) =>
      fetch(t.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: query,
      });
    const anonymous = await send();
    expect(anonymous.status).toBe(401);
    expect(await errorCode(anonymous)).toBe('ZHILI_E_HUB_SIGNATURE');
    const signed = await send(sign('nonce-lending-abcdefgh'));
    expect(signed.status).toBe(400); // authenticated, then its schema refuses the body
    expect(await errorCode(signed)).toBe('ZHILI_E_VALIDATION');
  });

  it('answers 409 text/x.tlog.size when the old size is not the one it cosigned', async () => {
    const signer = parseSignerKey(a.keys.signerKey);
    if (!signer.ok) throw new Error(signer.reason);
    const cp = await pa.zhili.ledger.latestCheckpoint();
    const body = `old 0\n\n${cp?.note ?? ''}`;
    const path = '/v1/hub/witness/add-checkpoint';
    const authorization = signHubRequest(a.id, signer.signer.privateKey, {
      method: 'POST',
      path,
      timestamp: Math.floor(Date.now() / 1000),
      nonce: 'nonce-409-abcdefghijkl',
      body,
    });
    const r = await fetch(t.url + path, {
      method: 'POST',
      headers: { authorization, 'content-type': 'text/plain' },
      body,
    });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toContain('text/x.tlog.size');
    expect(await r.text()).toBe(`${cp?.size}\n`);
  });

  it('detects a tampered platform database (a rewritten ledger row) as an inconsistency alert', async () => {
    await grow(pb, 4);
    expect(await pb.zhili.hubWitness?.sync()).toMatchObject({ cosigned: expect.any(Number) });
    const accepted = (await t.call('GET', `/v1/hub/platforms/${b.id}`, undefined, bob)).body.witnessed.note as string;
    const dataDir = pb.dataDir;
    await pb.close();
    // The insider rewrites entry 1 and, to cover it, recomputes every stored tree node.
    const db = new Database(join(dataDir, 'zhili.db'));
    const leaves = db.prepare('SELECT idx, entry FROM ledger_leaves ORDER BY idx').all() as {
      idx: number;
      entry: string;
    }[];
    const forged = (leaves[1] as { entry: string }).entry
      .replace(/"outcome":"[a-z]+"/, '"outcome":"allow"')
      .replace('}', ',"x":1}');
    const tree = new MemoryTree();
    leaves.forEach((l) => tree.append(hashLeaf(l.idx === 1 ? forged : l.entry)));
    db.prepare('UPDATE ledger_leaves SET entry = ?, leaf_hash = ? WHERE idx = 1').run(
      forged,
      Buffer.from(hashLeaf(forged)),
    );
    const nodes = db.prepare('SELECT level, idx FROM ledger_nodes').all() as { level: number; idx: number }[];
    const upd = db.prepare('UPDATE ledger_nodes SET hash = ? WHERE level = ? AND idx = ?');
    for (const n of nodes) upd.run(Buffer.from(tree.node(n.level, n.idx)), n.level, n.idx);
    db.close();

    pb = await startPlatform(t, { ...b, dataDir });
    await grow(pb, 2);
    const err = await pb.zhili.hubWitness?.sync().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WitnessRefusedError);
    expect((err as WitnessRefusedError).status).toBe(422);
    const alerts = await t.call('GET', `/v1/hub/alerts?platformId=${b.id}&open=true`, undefined, bob);
    const alert = alerts.body.alerts.find((x: { kind: string }) => x.kind === 'inconsistent');
    expect(alert).toBeDefined();
    expect(alert.message).toContain(b.id);
    expect(alert.messageZh).toContain('账本历史被改写');
    expect(alert.acceptedCheckpoint).toBe(accepted);
    const submitted = await pb.zhili.ledger.latestCheckpoint();
    expect(alert.submittedCheckpoint).toBe(submitted?.note);
    // The hub keeps what it accepted: the forged history is never cosigned.
    expect((await t.call('GET', `/v1/hub/platforms/${b.id}`, undefined, bob)).body.witnessed.note).toBe(accepted);
  }, 60_000);

  it('raises a staleness alert for a platform whose checkpoints stop advancing, closed when it advances', async () => {
    t.offset.ms = 11 * 60_000;
    await t.hub.checkStaleness();
    await t.hub.checkStaleness(); // once while silent
    const stale = await t.call('GET', '/v1/hub/alerts?open=true', undefined, bob);
    const staleA = stale.body.alerts.filter(
      (x: { kind: string; platformId: string }) => x.kind === 'stale' && x.platformId === a.id,
    );
    expect(staleA).toHaveLength(1);
    expect(staleA[0].messageZh).toMatch(/分钟没有新的账本检查点/);
    t.offset.ms = 0;
    await grow(pa, 1);
    await pa.zhili.hubWitness?.sync();
    const after = await t.call('GET', `/v1/hub/alerts?platformId=${a.id}&open=true`, undefined, bob);
    expect(after.body.alerts.filter((x: { kind: string }) => x.kind === 'stale')).toHaveLength(0);
  });
});
