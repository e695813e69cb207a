/**
 * The overload run's load client, one per child process so that the flood and the quiet tenant do not
 * share an event loop, and each reports its own CPU. Open loop: requests fall due at evenly spaced
 * instants and go out on the next idle keep-alive connection; latency counts from the instant a request
 * was due (no coordinated omission), for every answer, accepted or refused. Bodies are generated before
 * the clock starts (about 20 µs each), so the timed phase only writes and parses. Minimal HTTP/1.1:
 * one request in flight per connection; a connection the server closes is replaced.
 */
import { connect, type Socket } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { EventGenerator } from './events.ts';
import { percentiles } from './http-load.ts';
import { cpuMs, serveParent } from './ipc.ts';

export interface ClientRun {
  port: number;
  path: string;
  apiKey: string;
  seed: number;
  idPrefix: string;
  rate: number;
  seconds: number;
  connections: number;
}

export interface ClientResult {
  connections: number;
  offeredPerSec: number;
  seconds: number;
  sent: number;
  answered: number;
  statusCodes: Record<string, number>;
  /** Refusals by status and error code, e.g. `503 ZHILI_E_OVERLOADED`. */
  refusedCodes: Record<string, number>;
  /** Latency of accepted (2xx) and refused (429/503) answers, ms from the instant each was due. */
  acceptedMs: ReturnType<typeof percentiles>;
  refusedMs: ReturnType<typeof percentiles>;
  allMs: ReturnType<typeof percentiles>;
  slowestAnswerMs: number;
  /** Due but never sent, or sent and never answered, by the end of the drain. */
  unanswered: number;
  /** Sent and unanswered at the end: the server may still have stored them. */
  inFlightAtEnd: number;
  connectionsReplaced: number;
  /** This client process: CPU (% of one core), event-loop utilisation and its own loop delay p99. */
  client: { cpuPct: number; eventLoopUtilizationPct: number; loopDelayP99Ms: number };
}

interface Conn {
  socket: Socket;
  busy: boolean;
  due: number;
  buf: Buffer | undefined;
  dead: boolean;
}

class Samples {
  private a = new Float64Array(1 << 16);
  private n = 0;
  push(x: number): void {
    if (this.n === this.a.length) {
      const grown = new Float64Array(this.a.length * 2);
      grown.set(this.a);
      this.a = grown;
    }
    this.a[this.n++] = x;
  }
  summary(): ReturnType<typeof percentiles> {
    return percentiles(this.a.subarray(0, this.n).sort());
  }
}

const HEADER_END = Buffer.from('\r\n\r\n');

export async function runClient(o: ClientRun): Promise<ClientResult> {
  const total = Math.ceil(o.rate * o.seconds);
  const gen = new EventGenerator({ seed: o.seed, idPrefix: o.idPrefix });
  const head = `POST ${o.path} HTTP/1.1\r\nHost: 127.0.0.1:${o.port}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${o.apiKey}\r\n`;
  const requests: Buffer[] = new Array<Buffer>(total);
  for (let i = 0; i < total; i++) {
    const body = gen.nextJson();
    requests[i] = Buffer.from(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  const statusCodes: Record<string, number> = {};
  const refusedCodes: Record<string, number> = {};
  const accepted = new Samples();
  const refused = new Samples();
  const all = new Samples();
  let slowest = 0;
  let answered = 0;
  let sent = 0;
  let replaced = 0;
  let lost = 0;
  const backlog: number[] = [];
  const idle: Conn[] = [];
  const conns = new Set<Conn>();
  let stopping = false;

  const send = (c: Conn, due: number): void => {
    c.busy = true;
    c.due = due;
    c.socket.write(requests[sent++]!);
  };
  const release = (c: Conn): void => {
    c.busy = false;
    const due = backlog.shift();
    if (due !== undefined) send(c, due);
    else idle.push(c);
  };
  const onData = (c: Conn, chunk: Buffer): void => {
    let buf = c.buf ? Buffer.concat([c.buf, chunk]) : chunk;
    for (;;) {
      const end = buf.indexOf(HEADER_END);
      if (end < 0) break;
      const headers = buf.toString('latin1', 0, end);
      const len = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
      if (!len) throw new Error('overload-client: response without Content-Length');
      const size = end + 4 + Number(len[1]);
      if (buf.length < size) break;
      const status = headers.slice(9, 12);
      const ms = performance.now() - c.due;
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      answered++;
      if (ms > slowest) slowest = ms;
      all.push(ms);
      if (status[0] === '2') accepted.push(ms);
      else {
        refused.push(ms);
        // Which rule refused: the error code in the body (429 and 503 have more than one source).
        const code = /"code":"(ZHILI_E_\w+)"/.exec(buf.toString('utf8', end + 4, size))?.[1] ?? 'no code';
        const k = `${status} ${code}`;
        refusedCodes[k] = (refusedCodes[k] ?? 0) + 1;
      }
      buf = buf.subarray(size);
      if (/\r\nconnection:\s*close/i.test(headers)) {
        c.dead = true;
        c.busy = false;
        break;
      }
      release(c);
    }
    c.buf = buf.length > 0 ? buf : undefined;
  };
  const open = (): Promise<Conn> =>
    new Promise<Conn>((resolve, reject) => {
      const socket = connect(o.port, '127.0.0.1', () => resolve(c));
      socket.setNoDelay(true);
      const c: Conn = { socket, busy: false, due: 0, buf: undefined, dead: false };
      conns.add(c);
      socket.on('data', (chunk: Buffer) => onData(c, chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        conns.delete(c);
        const i = idle.indexOf(c);
        if (i >= 0) idle.splice(i, 1);
        if (c.busy) lost++; // sent, never answered
        if (!stopping) {
          replaced++;
          void open().then(release, () => undefined);
        }
      });
    });
  idle.push(...(await Promise.all(Array.from({ length: o.connections }, open))));

  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = cpuMs();
  const start = performance.now();
  const interval = 1000 / o.rate;
  let issued = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.min(total - 1, Math.floor(elapsed / interval));
      for (; issued <= due; issued++) {
        const at = start + issued * interval;
        const c = idle.pop();
        if (c) send(c, at);
        else backlog.push(at);
      }
      if (elapsed >= o.seconds * 1000) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  // Let the requests already sent and due be answered, then close.
  const drainUntil = performance.now() + 10_000;
  const busy = () => [...conns].some((c) => c.busy) || backlog.length > 0;
  while (busy() && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 5));
  const wall = (performance.now() - start) / 1000;
  const cpu = cpuMs() - cpu0;
  const elu = performance.eventLoopUtilization(elu0);
  delay.disable();
  stopping = true;
  const inFlightAtEnd = [...conns].filter((c) => c.busy).length;
  for (const c of conns) c.socket.destroy();
  return {
    connections: o.connections,
    offeredPerSec: o.rate,
    seconds: Math.round(wall * 100) / 100,
    sent,
    answered,
    statusCodes,
    refusedCodes,
    acceptedMs: accepted.summary(),
    refusedMs: refused.summary(),
    allMs: all.summary(),
    slowestAnswerMs: Math.round(slowest),
    unanswered: inFlightAtEnd + backlog.length + lost + (total - issued),
    inFlightAtEnd: inFlightAtEnd + lost,
    connectionsReplaced: replaced,
    client: {
      cpuPct: Math.round((cpu / (wall * 1000)) * 100),
      eventLoopUtilizationPct: Math.round(elu.utilization * 100),
      loopDelayP99Ms: Math.round(delay.percentile(99) / 1e4) / 100,
    },
  };
}

if (process.send)
  serveParent({ pid: process.pid }, { run: (arg) => runClient(arg as ClientRun) }, async () => undefined);
