/**
 * Logs carry no personal data. Over real HTTP against `zhili serve` with its logger on: an ID-number
 * or phone lookup is logged with its query values masked. And the logger's redaction censors names,
 * ID numbers, phones, cards and addresses wherever a log line holds a body, an event or a party.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { censorPersonal, loggerOptions, maskQuery } from '../src/http/log-redaction.ts';

const root = join(import.meta.dirname, '..');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});

const ID_NUMBER = '11010519491231002X';
const PHONE = '13800138000';

function serve(dataDir: string): Promise<{ url: string; output: () => string }> {
  const child = spawn(process.execPath, [join(root, 'bin/zhili.js'), '--data-dir', dataDir, 'serve', '--port', '0'], {
    cwd: root,
    env: { ...process.env, ZHILI_LOG: '1', ZHILI_ACCESS_LOG: 'all', ZHILI_DATABASE_URL: '', ZHILI_DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], output: () => out });
    });
    child.stderr?.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

describe('request logs', () => {
  it('mask query values, so an ID number or phone looked up never reaches the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhili-logs-'));
    const s = await serve(dataDir);
    const demo = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
      tenantId: string;
      username: string;
      password: string;
    };
    const login = await fetch(`${s.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: demo.tenantId, username: demo.username, password: demo.password }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const lookup = await fetch(`${s.url}/v1/parties?idNumber=${ID_NUMBER}&phone=${PHONE}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(lookup.status).toBeLessThan(500);
    // pino writes asynchronously: wait for the completed-request line of the lookup.
    for (
      let i = 0;
      i < 100 && !/"statusCode":\d+[^\n]*\n[^\n]*$/.test(s.output().split('/v1/parties?').pop() ?? '');
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    const out = s.output();
    expect(out).toContain('/v1/parties?idNumber=*&phone=*');
    expect(out).not.toContain(ID_NUMBER);
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain(token);
    expect(out).not.toContain(demo.password.slice(0, 8) + '"'); // the login body is never logged
  }, 120_000);
});

describe('log redaction', () => {
  it('censors personal fields in bodies, events and parties, and credentials in headers', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ logger: { ...loggerOptions(), stream } });
    const personal = {
      name: '王小明',
      idNumber: ID_NUMBER,
      phone: PHONE,
      cardNumber: '6222020200112233445',
      address: '北京市朝阳区建国路 1 号',
    };
    app.log.info({ body: { debtor: personal, creditor: personal, ...personal } }, 'a body');
    app.log.info({ event: { debtor: personal, attributes: { phone: PHONE } } }, 'an event');
    app.log.info({ party: { names: [{ fullName: '王小明' }], idDocs: [{ idNumber: ID_NUMBER }], phones: [PHONE] } });
    app.log.info({ req: { headers: { authorization: 'Bearer zk_secret' }, method: 'GET', url: `/x?id=${ID_NUMBER}` } });
    await app.close();
    const all = lines.join('');
    for (const v of [...Object.values(personal), 'zk_secret']) expect(all).not.toContain(v);
    expect(all).toContain('[redacted]');
    expect(lines).toHaveLength(4);
  });

  it('censors at any depth and never changes the logged object itself', () => {
    const live = { body: { event: { debtor: { name: '王小明', partyId: 'p1' }, parties: [{ phone: PHONE }] } } };
    const copy = JSON.parse(JSON.stringify(live)) as typeof live;
    const out = censorPersonal(live) as typeof live;
    expect(out.body.event.debtor).toEqual({ name: '[redacted]', partyId: 'p1' });
    expect(out.body.event.parties[0]).toEqual({ phone: '[redacted]' });
    expect(live).toEqual(copy);
  });

  it('masks every query value and keeps the path and the keys', () => {
    expect(maskQuery('/v1/parties?idNumber=110105&phone=138')).toBe('/v1/parties?idNumber=*&phone=*');
    expect(maskQuery('/v1/ledger/entries/5')).toBe('/v1/ledger/entries/5');
    expect(maskQuery('/a?flag&b=')).toBe('/a?flag&b=*');
  });
});
