/**
 * A batch workload under the default overload settings (admission limits, the event-loop guard at its
 * production default) is never refused while the node is not overloaded: four clients sending batches
 * of 1,000 events back to back — what `npm run bench` (c) does — get every batch accepted, every
 * item decided for the event it was sent for, and every event stored once. The guard used to refuse
 * such batches with 503, because deciding 1,000 events (and sealing and writing a group commit of
 * them) in one turn of the event loop lagged the loop it samples; these now yield to the loop in slices.
 * The clients run in a worker thread, as they would in another process: building and parsing megabytes
 * of JSON in the server's own loop would lag it by itself.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configDefaults } from '../../src/runtime/config.ts';
import { startServer, type TestServer } from '../support/server.ts';

const CLIENTS = 4;
const ROUNDS = 5;
const SIZE = 1000;

/** The clients: batches of valid events, each answer checked item by item; posts a summary back. */
const clients = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, apiKey, clients, rounds, size } = workerData;
const event = (id, i) => ({
  id,
  type: 'transfer',
  occurredAt: '2026-11-26T10:00:00+08:00',
  amount: { value: String(100 + (i % 50)) + '.00', currency: 'CNY' },
  debtor: { partyId: 'bw-p' + (i % 97), partyType: 'person', accountId: 'bw-a' + (i % 89), country: 'CN' },
  creditor: { partyId: 'bw-c' + (i % 13), partyType: 'organization', accountId: 'bw-m' + (i % 13), country: 'CN' },
  channel: 'app',
  device: { id: 'bw-d' + (i % 31), ip: '203.0.113.7' },
});
async function client(c) {
  const out = [];
  for (let r = 0; r < rounds; r++) {
    const events = Array.from({ length: size }, (_, i) => event('bw-' + c + '-' + r + '-' + i, i));
    const res = await fetch(url + '/v1/events:batch', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    const body = await res.json();
    const answer = { status: res.status, code: body.error ? body.error.code : undefined };
    if (res.status === 200) {
      answer.accepted = body.accepted;
      answer.rejected = body.rejected;
      answer.itemsOk = body.results.every((x, i) => x.index === i && x.status === 200 && x.decision.eventId === events[i].id);
    }
    out.push(answer);
  }
  return out;
}
Promise.all(Array.from({ length: clients }, (_, c) => client(c))).then(
  (answers) => parentPort.postMessage({ answers: answers.flat() }),
  (e) => parentPort.postMessage({ error: String(e && e.stack) }),
);
`;

interface Answer {
  status: number;
  code?: string;
  accepted?: number;
  rejected?: number;
  itemsOk?: boolean;
}

async function runClients(s: TestServer): Promise<Answer[]> {
  const w = new Worker(clients, {
    eval: true,
    workerData: { url: s.url, apiKey: s.apiKey, clients: CLIENTS, rounds: ROUNDS, size: SIZE },
  });
  try {
    const m = await new Promise<{ answers?: Answer[]; error?: string }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    if (!m.answers) throw new Error(m.error);
    return m.answers;
  } finally {
    await w.terminate();
  }
}

let s: TestServer;
beforeAll(async () => {
  // The test helper turns the guard off by default; this test runs it as production does.
  s = await startServer({ config: { maxEventLoopDelayMs: configDefaults.maxEventLoopDelayMs } });
});
afterAll(async () => s.close());

describe('a batch workload under the default settings', () => {
  it('is never refused: every batch accepted whole, every event decided and stored once', async () => {
    expect(configDefaults.maxEventLoopDelayMs).toBeGreaterThan(0);
    const answers = await runClients(s);
    expect(answers.map((a) => `${a.status} ${a.code ?? ''}`)).toEqual(Array(CLIENTS * ROUNDS).fill('200 '));
    for (const a of answers) expect(a).toEqual({ status: 200, accepted: SIZE, rejected: 0, itemsOk: true });
    expect(await s.zhili.store.countDecisions(s.tenantId)).toBe(CLIENTS * ROUNDS * SIZE);

    // Sent again, the whole workload is answered from what was stored: nothing doubled.
    const again = await runClients(s);
    for (const a of again) expect(a).toEqual({ status: 200, accepted: SIZE, rejected: 0, itemsOk: true });
    expect(await s.zhili.store.countDecisions(s.tenantId)).toBe(CLIENTS * ROUNDS * SIZE);
  }, 300_000);
});
