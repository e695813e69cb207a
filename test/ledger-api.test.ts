/** The ledger wired into a real server: decisions made through the API are provable by event id. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LedgerService,
  decodeBase64,
  hashLeaf,
  merkleTreeHash,
  verifyConsistency,
  httpSource,
  openCheckpoint,
  parseVerifierKey,
  verifyInclusion,
  verifyLedger,
} from '../src/ledger/index.ts';
import { createZhili, loadConfig, type Zhili } from '../src/runtime/index.ts';

const event = (id: string) => ({
  id,
  type: 'cash_withdrawal',
  occurredAt: '2026-11-26T10:00:00+08:00',
  amount: { value: '50000.00', currency: 'CNY' },
  debtor: { partyId: 'p-1', partyType: 'person', accountId: 'a-1', country: 'CN' },
  channel: 'counter',
});

let zhili: Zhili;
let ledger: LedgerService;
let url: string;
let keyA: string;
let keyB: string;

async function call(path: string, key: string | null = keyA, init: RequestInit = {}) {
  const res = await fetch(url + path, {
    ...init,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text/plain */
  }
  return { status: res.status, body, type: res.headers.get('content-type') ?? '' };
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhili-ledger-api-'));
  zhili = await createZhili(
    loadConfig({ dataDir, port: 0, logger: false, maxEventLoopDelayMs: 0, ledgerOrigin: 'api.test/audit' }, {}),
  );
  ledger = zhili.ledger;
  keyA = (await zhili.createTenant('Alpha')).apiKey;
  keyB = (await zhili.createTenant('Beta')).apiKey;
  url = await zhili.server.listen({ port: 0, host: '127.0.0.1' });
  for (const [key, id] of [
    [keyA, 'a-1'],
    [keyB, 'b-1'],
    [keyA, 'a-2'],
  ] as const) {
    expect((await call('/v1/events', key, { method: 'POST', body: JSON.stringify(event(id)) })).status).toBe(200);
  }
});

afterAll(async () => {
  await zhili.close();
});

describe('ledger API', () => {
  it("proves an event's decision against a signed checkpoint", async () => {
    const keys = await call('/v1/ledger/key');
    expect(keys.status).toBe(200);
    expect(keys.body.keys[0]).toMatchObject({ status: 'active' });
    const v = parseVerifierKey(keys.body.keys[0].verifierKey);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const p = await call('/v1/ledger/proofs/event/a-2');
    expect(p.status).toBe(200);
    expect(p.body.entry).toMatchObject({ kind: 'decision', eventId: 'a-2', outcome: expect.any(String) });
    const opened = openCheckpoint(p.body.checkpoint, [v.verifier], 'api.test/audit');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const proof = p.body.proof.map((h: string) => decodeBase64(h)!);
    expect(
      verifyInclusion(hashLeaf(p.body.entryJson), p.body.index, p.body.treeSize, proof, opened.checkpoint.rootHash),
    ).toEqual({
      ok: true,
    });
    expect((await call('/v1/ledger/proofs/event/a-2', keyB)).status).toBe(404);
  });

  it('serves the checkpoint as text, entries to their own tenant only, and proofs', async () => {
    const cp = await call('/v1/ledger/checkpoint');
    expect(cp.status).toBe(200);
    expect(cp.type).toMatch(/^text\/plain/);
    expect(cp.body).toMatch(/^api\.test\/audit\n\d+\n[A-Za-z0-9+/=]{44}\n\n— api\.test\/audit /);
    const b = await call('/v1/ledger/proofs/event/b-1', keyB);
    expect((await call(`/v1/ledger/entries/${b.body.index}`, keyB)).body.entry.eventId).toBe('b-1');
    expect((await call(`/v1/ledger/entries/${b.body.index}`, keyA)).status).toBe(404);
    const size = b.body.treeSize;
    const inc = await call(`/v1/ledger/proofs/inclusion?index=0&size=${size}`);
    expect(inc.body).toMatchObject({ index: 0, size });
    // The consistency proof from size 1 verifies against roots recomputed from the stored leaves.
    const leaves = [];
    for (let i = 0; i < size; i++) leaves.push((await ledger.entry(i))!.leafHash);
    const cons = await call(`/v1/ledger/proofs/consistency?from=1&to=${size}`);
    const consProof = cons.body.proof.map((h: string) => decodeBase64(h)!);
    expect(verifyConsistency(1, size, consProof, leaves[0]!, merkleTreeHash(leaves))).toEqual({ ok: true });
    const tampered = [...consProof];
    tampered[0] = new Uint8Array(32);
    expect(verifyConsistency(1, size, tampered, leaves[0]!, merkleTreeHash(leaves)).ok).toBe(false);
    expect((await call(`/v1/ledger/proofs/inclusion?index=${size}&size=${size}`)).status).toBe(404);
    expect((await call('/v1/ledger/proofs/consistency?from=1&to=99999')).status).toBe(400);
    expect((await call('/v1/ledger/proofs/inclusion?index=-1')).status).toBe(400);
    expect((await call('/v1/ledger/checkpoint', null)).status).toBe(401);
  });

  it('verifies from the outside with a tenant key, skipping entries it may not see', async () => {
    await ledger.publishCheckpoint();
    const key = (await call('/v1/ledger/key')).body.keys[0].verifierKey;
    const v = parseVerifierKey(key);
    if (!v.ok) throw new Error(v.reason);
    const report = await verifyLedger(httpSource(url, keyA), { verifiers: [v.verifier], full: true });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // Alpha sees its tenant.create audit entry and its two decisions; Beta's two entries are skipped.
    expect(report.checked).toBe(3);
    expect(report.skipped).toBe(2);
  });
});
