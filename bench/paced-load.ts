/**
 * Open-loop load at a steady rate, as a cross-check of autocannon's `overallRate` (which lets every
 * connection send its whole per-second quota back to back at the top of each second, so "half load"
 * arrives as full-speed bursts). Here requests are due at evenly spaced instants and go out on the
 * next idle keep-alive connection; latency counts from the instant a request was due, so time spent
 * waiting for a connection is included (no coordinated omission). Minimal HTTP/1.1 client: one request
 * in flight per connection, responses must carry Content-Length (Fastify's JSON replies do).
 */
import { connect, type Socket } from 'node:net';
import { percentiles, type LoadResult } from './http-load.ts';
import { cpuMs } from './ipc.ts';

export interface PacedOptions {
  port: number;
  path: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  rate: number;
  body: () => string;
}

interface Conn {
  socket: Socket;
  busy: boolean;
  due: number;
  buf: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export async function pacedLoad(o: PacedOptions): Promise<LoadResult> {
  const head = [
    `POST ${o.path} HTTP/1.1`,
    `Host: 127.0.0.1:${o.port}`,
    'Content-Type: application/json',
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  const lat: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let non2xx = 0;
  let slowestAny = 0; // refused requests too: an overloaded server must answer every one quickly
  const backlog: number[] = [];
  const idle: Conn[] = [];

  const send = (c: Conn, due: number): void => {
    const body = o.body();
    c.busy = true;
    c.due = due;
    c.socket.write(`${head}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const release = (c: Conn): void => {
    c.busy = false;
    const due = backlog.shift();
    if (due !== undefined) send(c, due);
    else idle.push(c);
  };
  const onData = (c: Conn, chunk: Buffer): void => {
    c.buf = c.buf.length === 0 ? chunk : Buffer.concat([c.buf, chunk]);
    const end = c.buf.indexOf(HEADER_END);
    if (end < 0) return;
    const headers = c.buf.toString('latin1', 0, end);
    const len = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
    if (!len) throw new Error('paced-load: response without Content-Length');
    if (c.buf.length < end + 4 + Number(len[1])) return;
    c.buf = Buffer.alloc(0);
    const status = Number(headers.slice(9, 12));
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
    slowestAny = Math.max(slowestAny, performance.now() - c.due);
    if (status >= 200 && status < 300) lat.push(performance.now() - c.due);
    else non2xx++;
    release(c);
  };

  const conns = await Promise.all(
    Array.from(
      { length: o.connections },
      () =>
        new Promise<Conn>((resolve, reject) => {
          const socket = connect(o.port, '127.0.0.1', () => resolve(c));
          socket.setNoDelay(true);
          const c: Conn = { socket, busy: false, due: 0, buf: Buffer.alloc(0) };
          socket.on('data', (chunk: Buffer) => onData(c, chunk));
          socket.on('error', (e) => {
            errors++;
            reject(e);
          });
        }),
    ),
  );
  idle.push(...conns);

  const cpu0 = cpuMs();
  const start = performance.now();
  const interval = 1000 / o.rate;
  let issued = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      const elapsed = now - start;
      if (elapsed >= o.seconds * 1000) {
        clearInterval(tick);
        resolve();
        return;
      }
      const due = Math.floor(elapsed / interval);
      for (; issued <= due; issued++) {
        const at = start + issued * interval;
        const c = idle.pop();
        if (c) send(c, at);
        else backlog.push(at);
      }
    }, 1);
  });
  // Let the requests already sent finish, then close.
  const drainUntil = performance.now() + 10_000;
  while (conns.some((c) => c.busy) && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 5));
  const wall = (performance.now() - start) / 1000;
  const inFlightAtEnd = conns.filter((c) => c.busy).length;
  const unanswered = inFlightAtEnd + backlog.length;
  for (const c of conns) c.socket.destroy();

  const sorted = Float64Array.from(lat).sort();
  const requests = sorted.length + non2xx;
  return {
    connections: o.connections,
    seconds: Math.round(wall * 100) / 100,
    requests,
    requestsPerSec: Math.round(requests / wall),
    latencyMs: percentiles(sorted),
    non2xx,
    errors,
    timeouts: 0,
    statusCodes,
    loaderCpuPct: Math.round(((cpuMs() - cpu0) / (wall * 1000)) * 100),
    overallRate: Math.round(o.rate),
    slowestAnyMs: Math.round(slowestAny),
    unanswered,
    inFlightAtEnd,
  };
}
