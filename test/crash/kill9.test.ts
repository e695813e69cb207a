import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMoney } from '../../src/kernel/index.ts';

/**
 * Durability end to end: load a real server process, `kill -9` it mid-load, restart it on the same
 * data directory, and check that every acknowledged event is there exactly once and the windows
 * count exactly what the store holds.
 */
const root = join(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin/zhili.js'), '--data-dir', dataDir, 'serve', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.stderr?.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

const debtors = Array.from({ length: 8 }, (_, i) => `crash-p${i}`);

function makeEvent(i: number) {
  const value = `${1000 + ((i * 7919) % 40000)}.${String(i % 100).padStart(2, '0')}`;
  return {
    id: `crash-${i}`,
    type: 'cash_withdrawal',
    occurredAt: '2026-11-26T10:00:00+08:00',
    amount: { value, currency: 'CNY' },
    debtor: {
      partyId: debtors[i % debtors.length],
      partyType: 'person',
      accountId: `acct-${i % debtors.length}`,
      country: 'CN',
    },
    channel: 'counter',
  };
}

describe('crash safety (kill -9 under load)', () => {
  it('keeps every acknowledged event exactly once and rebuilds the same window state', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhili-crash-'));
    const first = await serve(dataDir);
    const { apiKey } = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as { apiKey: string };
    const post = (url: string, body: unknown) =>
      fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const acked = new Map<string, { decidedAt: string }>();
    let next = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const i = next++;
        try {
          const r = await post(first.url, makeEvent(i));
          if (r.status === 200) acked.set(`crash-${i}`, (await r.json()) as { decidedAt: string });
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 24 }, worker);
    // Kill in the middle of load: once a few hundred events are acknowledged (however busy the machine is).
    for (let waited = 0; acked.size < 300 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    if (first.child.exitCode === null && first.child.signalCode === null) {
      await new Promise((r) => first.child.once('exit', r));
    }
    expect(acked.size).toBeGreaterThan(100);

    const second = await serve(dataDir);
    const db = new Database(join(dataDir, 'zhili.db'), { readonly: true });
    const rows = db.prepare("SELECT event_id, event, decision FROM decisions WHERE event_id LIKE 'crash-%'").all() as {
      event_id: string;
      event: string;
      decision: string;
    }[];
    db.close();
    const stored = new Map(rows.map((r) => [r.event_id, r]));
    expect(stored.size).toBe(rows.length); // no event twice
    console.info(
      `kill -9: ${acked.size} acknowledged, ${rows.length} committed (${rows.length - acked.size} committed but unacknowledged)`,
    );
    for (const [id, d] of acked) {
      const row = stored.get(id);
      expect(row, `acknowledged ${id} lost`).toBeDefined();
      expect((JSON.parse(row!.decision) as { decidedAt: string }).decidedAt).toBe(d.decidedAt);
    }

    // The rebuilt windows equal what the store holds: probe each debtor's same-day total.
    for (const [k, partyId] of debtors.entries()) {
      const expected = rows
        .map((r) => JSON.parse(r.event) as ReturnType<typeof makeEvent>)
        .filter((e) => e.debtor.partyId === partyId)
        .reduce(
          (sum, e) => sum + (parseMoney(e.amount.value, 'CNY') as { ok: true; value: { minor: number } }).value.minor,
          0,
        );
      const probe = { ...makeEvent(1_000_000 + k), id: `probe-${k}`, amount: { value: '0.01', currency: 'CNY' } };
      probe.debtor = { ...probe.debtor, partyId };
      const r = (await (await post(second.url, probe)).json()) as { features: Record<string, number> };
      expect(r.features.lv_cash_out_cny_day).toBe(expected + 1);
    }

    // A retry of an acknowledged event after the restart is a replay, not a second count.
    const someId = [...acked.keys()][0]!;
    const i = Number(someId.slice('crash-'.length));
    const retry = await post(second.url, makeEvent(i));
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    second.child.kill('SIGTERM');
  });
});
