import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let file: string;
const list = (entries: object[]) => writeFileSync(file, JSON.stringify(entries));

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'zhili-reload-')), 'watch.json');
  list([{ id: 'W-1', name: 'Ivan Petrovich Sidorov', kind: 'person' }]);
  s = await startServer({ screeningLists: `generic=${file}#watch` });
});
afterAll(async () => {
  await s.close();
});

const pay = (name: string) =>
  event({
    type: 'payment',
    amount: { value: '10.00', currency: 'CNY' },
    creditor: { partyId: `m-${name.length}-${Date.now()}`, partyType: 'person', accountId: 'm', name },
  });

describe('list reload', () => {
  it('re-reads the configured files: unchanged lists change nothing, a changed list applies to decisions at once', async () => {
    const admin = await s.login(['admin']);
    const analyst = await s.login(['analyst']);
    expect((await s.call('POST', '/v1/screening/lists:reload', undefined, analyst)).status).toBe(403);

    const same = await s.call('POST', '/v1/screening/lists:reload', undefined, admin);
    expect(same.status).toBe(202);
    expect(same.body).toMatchObject({ status: 'done', changed: [] });

    expect((await s.call('POST', '/v1/events', pay('Olga Nikolaevna Smirnova'))).body.outcome).toBe('allow');
    list([
      { id: 'W-1', name: 'Ivan Petrovich Sidorov', kind: 'person' },
      { id: 'W-2', name: 'Olga Nikolaevna Smirnova', kind: 'person' },
    ]);
    const changed = await s.call('POST', '/v1/screening/lists:reload', undefined, admin);
    expect(changed.body.changed).toHaveLength(1);
    let job = changed.body;
    for (let i = 0; i < 50 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await s.call('GET', `/v1/screening/reloads/${job.id}`, undefined, admin)).body;
    }
    expect(job.status).toBe('done');
    const after = await s.call('POST', '/v1/events', pay('Olga Nikolaevna Smirnova'));
    expect(after.body.outcome).toBe('block');
  });
});
