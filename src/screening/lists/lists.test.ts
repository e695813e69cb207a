import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { loadListFile } from './files.ts';
import { parseGenericCsv, parseGenericJson } from './generic.ts';
import { parseRemarks } from './ofac-remarks.ts';
import { parseXml } from './xml.ts';

const shared = resolve(process.cwd(), '../shared/testdata/sanctions');
const haveShared = existsSync(resolve(shared, 'ofac-sdn-2021/sdn.csv'));
if (!haveShared)
  console.warn(`[screening] ${shared} is absent: skipping the loader tests on the real OFAC and UN files.`);

describe.skipIf(!haveShared)('loaders on the real shared lists', () => {
  it('loads OFAC SDN: entries, aliases, weak a.k.a.s from the remarks, facts', () => {
    const l = loadListFile({ source: 'ofac-sdn', path: resolve(shared, 'ofac-sdn-2021') }, 0);
    expect(l.version.counts).toMatchObject({ entries: 8976, persons: 4620, vessels: 406, aircraft: 277 });
    expect(l.version.counts.weakAliases).toBeGreaterThan(2000);
    expect(l.version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const z = l.entries.find((e) => e.id === '2676')!;
    expect(z.kind).toBe('person');
    expect(z.names.map((n) => n.full)).toContain('AL-ZAWAHIRI, Aiman Muhammad Rabi');
    expect(z.dobs).toEqual([{ year: 1951, month: 6, day: 19 }]);
    expect(z.ids).toContainEqual({ type: 'Passport', number: '1084010', country: 'EG' });
    const bnc = l.entries.find((e) => e.id === '306')!;
    expect(bnc.names).toContainEqual({ full: 'BNC', kind: 'aka', weak: true });
    expect(bnc.names).toContainEqual({ full: 'NATIONAL BANK OF CUBA', kind: 'aka', weak: false });
    expect(bnc.countries).toContain('CH');
  });
  it('loads the UN consolidated XML: individuals, entities, alias quality, original script, documents', () => {
    const l = loadListFile({ source: 'un-sc', path: resolve(shared, 'un-consolidated.xml') }, 0);
    expect(l.version.counts).toMatchObject({ entries: 1003, persons: 730, organisations: 273 });
    expect(l.version.counts.weakAliases).toBe(615);
    const saddam = l.entries.find((e) => e.id === 'IQi.001')!;
    expect(saddam.names[0]!.full).toBe('SADDAM HUSSEIN AL-TIKRITI');
    expect(saddam.names).toContainEqual({ full: 'صدام حسين التكريتي', kind: 'original', weak: false });
    const badege = l.entries.find((e) => e.id === 'CDi.001')!;
    expect(badege).toMatchObject({ gender: 'male', nationalities: ['CD'], dobs: [{ year: 1971 }] });
    expect(l.entries.some((e) => e.ids.some((d) => d.type === 'Passport'))).toBe(true);
  });
});

describe('formats', () => {
  it('reads CSV with quotes, doubled quotes, CRLF and the DOS end-of-file byte', () => {
    expect(parseCsv('1,"a, ""b""",-0- \r\n2,c,d\r\n\x1a')).toEqual([
      ['1', 'a, "b"', '-0- '],
      ['2', 'c', 'd'],
    ]);
  });
  it('reads CSV with a newline inside quotes, a byte-order mark, blank lines and a stray quote', () => {
    expect(parseCsv('\uFEFFid,name\n\n1,"two\nlines"\n2,O"Brien\n')).toEqual([
      ['id', 'name'],
      ['1', 'two\nlines'],
      ['2', 'O"Brien'],
    ]);
  });
  it('reads OFAC remarks', () => {
    const f = parseRemarks(
      "DOB circa 1950; alt. DOB 1952; nationality Iran; Gender Female; Passport A123456 (Iran); a.k.a. 'ABU X'.",
    );
    expect(f).toMatchObject({
      nationalities: ['IR'],
      gender: 'female',
      ids: [{ type: 'Passport', number: 'A123456', country: 'IR' }],
    });
    expect(f.dobs).toEqual([{ year: 1949, toYear: 1951 }, { year: 1952 }]);
    expect(f.weakAliases).toEqual([{ full: 'ABU X', kind: 'aka', weak: true }]);
  });
  it('parses XML safely and rejects mismatched tags', () => {
    const doc = parseXml('<?xml version="1.0"?><A x="1"><B>t &amp; &#20013;</B><C/></A>');
    expect(doc.children[0]).toMatchObject({ name: 'A', attrs: { x: '1' } });
    expect(doc.children[0]!.children[0]!.text).toBe('t & 中');
    expect(() => parseXml('<A><B></A>')).toThrow(/closes/);
    expect(() => parseXml('<A>')).toThrow(/not closed/);
  });
  it('reads a tenant list as JSON and CSV, and points at the bad field', () => {
    const json = parseGenericJson(
      JSON.stringify([
        {
          id: 'p1',
          name: '王小明',
          aliases: ['Wang Xiaoming', { name: 'Xiao Wang', weak: true }],
          kind: 'person',
          dob: '1980-02-03',
          nationalities: ['中国'],
        },
      ]),
      'pep',
    );
    expect(json[0]).toMatchObject({
      id: 'p1',
      listId: 'pep',
      nationalities: ['CN'],
      dobs: [{ year: 1980, month: 2, day: 3 }],
    });
    expect(json[0]!.names[2]).toEqual({ full: 'Xiao Wang', kind: 'aka', weak: true });
    const csv = parseGenericCsv(
      'id,name,aliases,weak_aliases,kind,dob,nationality,ids\n7,ACME LTD,ACME|ACME CO,,organisation,,US,registration:12345678:US\n',
      'own',
    );
    expect(csv[0]).toMatchObject({
      id: '7',
      kind: 'organisation',
      nationalities: ['US'],
      ids: [{ type: 'registration', number: '12345678', country: 'US' }],
    });
    expect(() => parseGenericJson('[{"id":"x"}]', 'l')).toThrow(
      expect.objectContaining({ code: 'ZHILI_E_VALIDATION', pointer: '/0/name' }),
    );
    expect(() => parseGenericCsv('name\nX\n', 'l')).toThrow(expect.objectContaining({ code: 'ZHILI_E_VALIDATION' }));
  });
});
