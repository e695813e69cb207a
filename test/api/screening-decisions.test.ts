import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhili-lists-'));
  const file = join(dir, 'internal.json');
  writeFileSync(
    file,
    JSON.stringify([
      { id: 'T-1', name: 'XI, Jinping', kind: 'person', dob: '1953-06-15', nationalities: ['CN'] },
      {
        id: 'T-2',
        name: 'Golden Dragon Trading Limited',
        kind: 'organisation',
        aliases: [{ name: 'GDT', weak: true }],
      },
    ]),
  );
  s = await startServer({ screeningLists: `generic=${file}#internal-watchlist` });
});
afterAll(async () => {
  await s.close();
});

const transfer = (creditor: Record<string, unknown>) =>
  event({
    type: 'transfer',
    amount: { value: '100.00', currency: 'CNY' },
    creditor: { partyId: `c-${Math.random().toString(36).slice(2)}`, partyType: 'person', accountId: 'x', ...creditor },
  });

describe('screening inside decisions (default pack)', () => {
  it('blocks a payment to a confirmed list match, across scripts', async () => {
    const r = await s.call('POST', '/v1/events', transfer({ name: '习近平', country: 'CN' }));
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('block');
    expect(r.body.reasons.map((x: { ruleId: string }) => x.ruleId)).toContain('sanctions-confirmed-hit');
  });

  it('lets an unrelated name through and does not screen parties without names', async () => {
    const r = await s.call('POST', '/v1/events', transfer({ name: 'Zhang Wei Import Export' }));
    expect(r.body.outcome).toBe('allow');
    const none = await s.call('POST', '/v1/events', transfer({}));
    expect(none.body.outcome).toBe('allow');
  });

  it('never blocks on a weak alias alone', async () => {
    const r = await s.call('POST', '/v1/events', transfer({ name: 'GDT', partyType: 'organization' }));
    expect(r.body.outcome).not.toBe('block');
  });
});
