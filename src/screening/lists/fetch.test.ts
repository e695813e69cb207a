import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../store/adapters.ts';
import { fetchLists } from './fetch.ts';
import { sqlListStore } from './store.ts';

const sdn = Array.from(
  { length: 1200 },
  (_, i) => `${i + 1},"PERSON NUMBER ${i + 1}, Test",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
).join('\r\n');
const body: Record<string, string> = { 'sdn.csv': sdn, 'alt.csv': '', 'add.csv': '', 'sdn_comments.csv': '' };

async function store() {
  const s = sqlListStore(sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-fetch-')), 'zhili.db')));
  await s.migrate();
  return s;
}

/** A publication site in memory: each URL answers from `answer`, counting calls. */
function site(answer: (file: string, call: number) => Response | Error) {
  const calls = new Map<string, number>();
  const impl = (async (url: string) => {
    const file = url.replace(/^.*\//u, '');
    const n = (calls.get(file) ?? 0) + 1;
    calls.set(file, n);
    const r = answer(file, n);
    if (r instanceof Error) throw r;
    return r;
  }) as typeof fetch;
  return { impl, calls };
}

const opts = {
  sources: { ofacBaseUrl: 'https://lists.example/ofac', unUrl: 'https://lists.example/un.xml' },
  only: ['ofac-sdn'] as const,
  actor: 't',
  now: () => 1,
};

describe('fetchLists', () => {
  it('tries a dropped connection again and stores the list once it downloads', async () => {
    const s = await store();
    const { impl, calls } = site((file, n) =>
      file === 'sdn.csv' && n === 1 ? new TypeError('fetch failed') : new Response(body[file] ?? ''),
    );
    const [r] = await fetchLists({ ...opts, store: s, fetchImpl: impl });
    expect(r).toMatchObject({ listId: 'ofac-sdn', changed: true, version: { counts: { entries: 1200 } } });
    expect(calls.get('sdn.csv')).toBe(2);
    expect((await s.current()).map((v) => v.contentHash)).toEqual([r!.version.contentHash]);
  });

  it('does not retry a 404, says which URL failed, and stores nothing', async () => {
    const s = await store();
    const { impl, calls } = site((file) =>
      file === 'alt.csv' ? new Response('gone', { status: 404 }) : new Response(body[file] ?? ''),
    );
    await expect(fetchLists({ ...opts, store: s, fetchImpl: impl })).rejects.toMatchObject({
      code: 'ZHILI_E_LIST_FETCH',
      message: expect.stringContaining('https://lists.example/ofac/alt.csv answered HTTP 404'),
    });
    expect(calls.get('alt.csv')).toBe(1);
    expect(await s.current()).toEqual([]);
  });

  it('refuses a list that shrank to under half of the stored version unless told to accept it', async () => {
    const s = await store();
    const rows = (n: number) =>
      Array.from({ length: n }, (_, k) => `${k + 1},"NAME ${k + 1}",individual,"SDGT"`).join('\n');
    const big = site((file) => new Response(file === 'sdn.csv' ? rows(3000) : ''));
    await fetchLists({ ...opts, store: s, fetchImpl: big.impl });
    const shrunk = site((file) => new Response(file === 'sdn.csv' ? rows(1200) : ''));
    await expect(fetchLists({ ...opts, store: s, fetchImpl: shrunk.impl })).rejects.toMatchObject({
      code: 'ZHILI_E_LIST_FETCH',
      message: expect.stringContaining('1200 entries against 3000'),
    });
    expect((await s.current())[0]!.entries).toBe(3000);
    await fetchLists({ ...opts, store: s, fetchImpl: shrunk.impl, allowShrink: true });
    expect((await s.current())[0]!.entries).toBe(1200);
  });
});
