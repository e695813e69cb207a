/**
 * The door of event intake over real HTTP (raw sockets, to control when a body arrives): a tenant over
 * its share is refused before its body is read, the connection survives a refusal of a small body and
 * is closed for a large one, a quiet tenant is served meanwhile; the bounded commit queue refuses with
 * 503 and nothing refused is stored while everything accepted is stored once.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let port = 0;

beforeAll(async () => {
  s = await startServer({ config: { maxInFlight: 6, tenantMaxInFlight: 3 } });
  port = Number(new URL(s.url).port);
});
afterAll(async () => s.close());

interface Answer {
  status: number;
  headers: string;
  body: string;
}

/** One keep-alive connection; `answer()` waits for the next whole response (Content-Length framed). */
async function open(to = port): Promise<{ socket: Socket; answer: () => Promise<Answer>; closed: Promise<void> }> {
  const socket = connect(to, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buf = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    waiter?.();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const answer = () =>
    new Promise<Answer>((resolve) => {
      const take = () => {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const headers = buf.toString('latin1', 0, end);
        const size = end + 4 + Number(/content-length:\s*(\d+)/i.exec(headers)?.[1] ?? 0);
        if (buf.length < size) return;
        const body = buf.toString('utf8', end + 4, size);
        buf = buf.subarray(size);
        waiter = undefined;
        resolve({ status: Number(headers.slice(9, 12)), headers: headers.toLowerCase(), body });
      };
      waiter = take;
      take();
    });
  return { socket, answer, closed };
}

const head = (key: string, length: number) =>
  `POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('the door of event intake', () => {
  it('refuses a tenant over its share before reading the body, keeps the connection, and serves a quiet tenant', async () => {
    const quietKey = (await s.zhili.createTenant('Quiet Pay 平静支付')).apiKey;
    expect((await s.call('POST', '/v1/events', event({ id: 'door-learn' }))).status).toBe(200);

    // Three events of the flooding tenant hold its three slots, their bodies half sent.
    const held = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const body = Buffer.from(JSON.stringify(event({ id: `door-held-${i}` })));
        const c = await open();
        c.socket.write(head(s.apiKey, body.length) + body.subarray(0, 10).toString('latin1'));
        return { ...c, rest: body.subarray(10) };
      }),
    );
    try {
      await whileHeld(held, quietKey);
    } finally {
      for (const h of held) h.socket.destroy();
    }
  });
});

/** With the flooding tenant's share held by `held`: what is refused, how, and what is still served. */
async function whileHeld(
  held: { socket: Socket; answer: () => Promise<Answer>; rest: Buffer }[],
  quietKey: string,
): Promise<void> {
  // Wait until the server has seen them: an empty batch takes no slot and is refused at the door
  // (429) once the tenant's share is held, answered 400 before.
  let gate = 400;
  for (let i = 0; i < 200 && gate !== 429; i++)
    gate = (await s.call('POST', '/v1/events:batch', { events: [] })).status;
  expect(gate).toBe(429);
  const probe = await s.call('POST', '/v1/events', event({ id: 'door-probe' }));
  expect(probe.status).toBe(429);
  expect(probe.headers.get('retry-after')).toBe('1');

  // Refused with no body sent at all: the answer cannot have waited for the body.
  const early = await open();
  early.socket.write(head(s.apiKey, 1000));
  const refused = await early.answer();
  expect(refused.status).toBe(429);
  expect(JSON.parse(refused.body).error.code).toBe('ZHILI_E_TENANT_BUSY');
  expect(refused.headers).toContain('retry-after: 1');
  expect(refused.headers).not.toContain('connection: close');
  // The small body is read and dropped: the same connection answers the next request.
  early.socket.write(`${' '.repeat(1000)}GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`);
  expect((await early.answer()).status).toBe(200);
  early.socket.destroy();

  // A large declared body is not read: the refusal closes the connection.
  const large = await open();
  large.socket.write(head(s.apiKey, 5 * 1024 * 1024));
  const big = await large.answer();
  expect(big.status).toBe(429);
  expect(big.headers).toContain('connection: close');
  await large.closed;

  // The quiet tenant is let in meanwhile (its first request, before the door knows its key, too).
  for (let i = 0; i < 3; i++)
    expect((await s.call('POST', '/v1/events', event({ id: `door-quiet-${i}` }), quietKey)).status).toBe(200);

  // The held events finish and are accepted; each is stored once, the refused probe not at all.
  for (const h of held) h.socket.write(h.rest);
  const done = await Promise.all(held.map((h) => h.answer()));
  expect(done.map((a) => a.status)).toEqual([200, 200, 200]);
  for (const id of ['door-held-0', 'door-held-1', 'door-held-2'])
    expect((await s.call('GET', `/v1/events/${id}`)).status).toBe(200);
  expect((await s.call('GET', '/v1/events/door-probe')).status).toBe(404);
}

describe('the bounded commit queue', () => {
  it('refuses with 503 above its bound; refused events are not stored, accepted ones once', async () => {
    const q = await startServer({ config: { maxCommitQueue: 1 } });
    try {
      const events = Array.from({ length: 60 }, (_, i) => event({ id: `queue-${i}` }));
      const answers = await Promise.all(events.map((e) => q.call('POST', '/v1/events', e)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.every((st) => st === 200 || st === 503)).toBe(true);
      expect(statuses).toContain(503);
      for (const a of answers.filter((x) => x.status === 503)) {
        expect(a.body.error.code).toBe('ZHILI_E_OVERLOADED');
        expect(a.headers.get('retry-after')).toBe('1');
      }
      for (const [i, e] of events.entries())
        expect((await q.call('GET', `/v1/events/${e.id as string}`)).status, e.id as string).toBe(
          statuses[i] === 200 ? 200 : 404,
        );
      // Sent again, each is stored once: a refused one is accepted now, an accepted one is a replay.
      const again = await q.call('POST', '/v1/events', events[statuses.indexOf(503)]);
      expect(again.status).toBe(200);
      const replay = await q.call('POST', '/v1/events', events[statuses.indexOf(200)]);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    } finally {
      await q.close();
    }
  });
});

describe('the tenant-aware event-loop guard', () => {
  it('while the loop lags, refuses the tenant holding the events in flight and lets a quiet one in', async () => {
    const lagging = await startServer({ config: { maxEventLoopDelayMs: 150, tenantMaxInFlight: 2 } });
    const held: Socket[] = [];
    try {
      const lagPort = Number(new URL(lagging.url).port);
      const quietKey = (await lagging.zhili.createTenant('Quiet Pay 平静支付')).apiKey;
      let learnt = 0;
      for (let i = 0; i < 50 && learnt !== 200; i++)
        learnt = (await lagging.call('POST', '/v1/events', event({ id: `lag-learn-${i}` }))).status;
      expect(learnt).toBe(200);
      // The flooding tenant holds its two slots (bodies half sent); the empty batch says when they are in.
      // On a busy machine the guard may refuse one meanwhile (it lags by itself): then it is sent again.
      const hold = async (i: number) => {
        const c = connect(lagPort, '127.0.0.1');
        await new Promise<void>((resolve, reject) => c.once('connect', resolve).once('error', reject));
        const h = { socket: c, answered: false };
        c.once('data', () => (h.answered = true));
        held.push(c);
        c.write(head(lagging.apiKey, 500) + `{"id":"lag-held-${i}"`);
        return h;
      };
      const slots = [await hold(0), await hold(1)];
      let gate = 400;
      for (let i = 0; i < 200 && gate !== 429; i++) {
        for (const [k, h] of slots.entries()) if (h.answered) slots[k] = await hold(10 * i + k + 2);
        gate = (await lagging.call('POST', '/v1/events:batch', { events: [] })).status;
      }
      expect(gate).toBe(429);

      // The loop is blocked twice for 300 ms (the lag must be seen in two samples running): past the
      // limit of 150, under the hard limit of four times it. Then both requests come in.
      for (const _ of [1, 2]) {
        const until = performance.now() + 300;
        while (performance.now() < until); // the event loop is blocked
        await new Promise((r) => setTimeout(r, 0)); // the overdue sampler runs first
      }
      const flood = await open(lagPort);
      const quiet = await open(lagPort);
      const body = (id: string) => JSON.stringify(event({ id }));
      flood.socket.write(head(lagging.apiKey, Buffer.byteLength(body('lag-flood'))) + body('lag-flood'));
      quiet.socket.write(head(quietKey, Buffer.byteLength(body('lag-quiet'))) + body('lag-quiet'));
      const [f, q] = await Promise.all([flood.answer(), quiet.answer()]);
      // 503, not the 429 of its share: the guard refused it, alone in flight, before the door did.
      expect(f.status).toBe(503);
      expect(q.status).toBe(200);
      flood.socket.destroy();
      quiet.socket.destroy();
    } finally {
      for (const c of held) c.destroy();
      await lagging.close();
    }
  });
});
