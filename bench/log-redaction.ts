/**
 * What the request log's redaction costs: log lines per second through Fastify's pino with
 * loggerOptions() (personal keys censored, header credentials redacted, masked URLs) against plain `{ level: 'info' }`, for a request line
 * and for a line holding an event body. Writes to a null stream. Prints JSON.
 * Run: node --import tsx bench/log-redaction.ts
 */
import { Writable } from 'node:stream';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { REDACT_PATHS, loggerOptions } from '../src/http/log-redaction.ts';

const N = Number(process.env.LOG_BENCH_N ?? 100_000);
const sink = () => new Writable({ write: (_c, _e, done) => done() });
const body = {
  event: {
    id: 'evt-1',
    amount: { value: '100.00', currency: 'CNY' },
    debtor: { partyId: 'p1', name: '王小明', idNumber: '11010519491231002X', phone: '13800138000' },
    creditor: { partyId: 'p2', name: 'Acme' },
    attributes: { phone: '13800138000', channelNote: 'x' },
  },
};
const req = { method: 'GET', url: '/v1/parties?idNumber=11010519491231002X', ip: '127.0.0.1', headers: {} };

function rate(logger: FastifyServerOptions['logger'], line: 'req' | 'body'): number {
  const app = Fastify({ logger });
  const t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    if (line === 'req') app.log.info({ req }, 'incoming request');
    else app.log.info(body, 'event');
  }
  return Math.round(N / (Number(process.hrtime.bigint() - t) / 1e9));
}

const plain = { level: 'info', stream: sink() };
const redacted = { ...loggerOptions(), stream: sink() };
console.log(
  JSON.stringify(
    {
      bench: 'log-redaction',
      lines: N,
      redactPaths: REDACT_PATHS.length,
      requestLinePerSecond: { plain: rate(plain, 'req'), redacted: rate(redacted, 'req') },
      eventLinePerSecond: { plain: rate(plain, 'body'), redacted: rate(redacted, 'body') },
    },
    null,
    2,
  ),
);
