/**
 * A reload in a worker thread gives the same lists and the same index as one on the main thread (the
 * shared UN file and a generic list), crossing back in parts; a missing file keeps its error code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { buildIndex } from './core/index-build.ts';
import { IndexAssembler, indexParts } from './core/index-transfer.ts';
import { buildLists } from './list-build.ts';
import { buildListsInThread } from './list-build-thread.ts';
import { ScreeningService } from './service.ts';
import type { ListSpec } from './lists/files.ts';

const un = resolve(process.cwd(), '../shared/testdata/sanctions/un-consolidated.xml');
const dir = mkdtempSync(join(tmpdir(), 'zhili-list-thread-'));
const pep = join(dir, 'pep.csv');
writeFileSync(pep, 'id,name,kind,dob,country\np1,Zhang Wei,person,1970-01-01,CN\np2,Acme Trading LLC,organisation,,\n');
const specs: ListSpec[] = [
  { source: 'un-sc', path: un },
  { source: 'generic', path: pep, listId: 'pep' },
];

/** The index without its scratch space (made fresh on each side). */
const plain = (ix: ReturnType<typeof buildIndex>) => {
  const { scratch, ...rest } = ix;
  expect(scratch.acc.length).toBe(ix.forms.length);
  return rest;
};

describe('list reloads in a worker thread', () => {
  it('takes the index apart and puts it together unchanged, in parts of a bounded size', () => {
    const { index } = buildLists({ stored: [], specs, now: 0 });
    const a = new IndexAssembler();
    let parts = 0;
    for (const part of indexParts(index, 500)) {
      parts++;
      if ('items' in part) expect(part.items.length).toBeLessThanOrEqual(500);
      a.add(structuredClone(part));
    }
    expect(parts).toBeGreaterThan(20);
    expect(plain(a.finish())).toEqual(plain(index));
  });

  it('builds in a thread what the main thread builds, and screens the same', async () => {
    const t0 = 1_700_000_000_000;
    const built = await buildListsInThread({ stored: [], specs, now: t0 });
    const here = buildLists({ stored: [], specs, now: t0 });
    expect(built.lists.map((l) => ({ ...l.version, loadMs: 0 }))).toEqual(
      here.lists.map((l) => ({ ...l.version, loadMs: 0 })),
    );
    expect(built.lists.map((l) => l.entries.length)).toEqual(here.lists.map((l) => l.entries.length));
    expect(plain(built.index)).toEqual(plain(here.index));

    const clock = { now: () => t0 };
    const threaded = new ScreeningService({ clock });
    const versions = threaded.install(built);
    const main = new ScreeningService({ clock });
    expect(versions.map((v) => v.version)).toEqual(main.replace([], specs).map((v) => v.version));
    for (const name of ['Zhang Wei', 'Acme Trading', 'Abdul Haq Wasiq', 'Kim Jong Un'])
      expect(threaded.screen({ name })).toEqual(main.screen({ name }));
    expect(threaded.screen({ name: 'Zhang Wei' }).hits.length).toBeGreaterThan(0);
  }, 120_000);

  it('fails with the error the main thread would give: a configured file missing is NOT_FOUND', async () => {
    await expect(
      buildListsInThread({ stored: [], specs: [{ source: 'un-sc', path: join(dir, 'absent.xml') }], now: 0 }),
    ).rejects.toMatchObject({ code: 'ZHILI_E_NOT_FOUND' });
  }, 60_000);
});
