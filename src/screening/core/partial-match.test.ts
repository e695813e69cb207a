import { describe, expect, it } from 'vitest';
import { tokenPair } from './align.ts';
import { candidateForms } from './candidates.ts';
import { buildIndex } from './index-build.ts';
import { normaliseName } from './normalize.ts';
import { DEFAULT_THRESHOLD, screen } from './screen.ts';
import type { EntryKind, ListEntry, ScreenQuery } from './types.ts';

const entry = (id: string, names: string[], kind: EntryKind = 'person'): ListEntry => ({
  id,
  listId: 'test',
  kind,
  names: names.map((full, i) => ({ full, kind: i === 0 ? 'primary' : 'aka', weak: false })),
  dobs: [],
  nationalities: [],
  countries: [],
  ids: [],
  programs: [],
});

const ix = buildIndex([
  entry('olivas', ['PEREZ OLIVAS, Luis Alberto']),
  entry('choudry', ['CHOUDRY, Aamir Ali']),
  entry('tcham', ['TCHAM NA MAN']),
  entry('umarov', ['UMAROV, Doku Khamatovich']),
  entry('siemens', ['SIEMENS AKTIENGESELLSCHAFT'], 'organisation'),
  entry('acme', ['ACME INTERNATIONAL LIMITED LIABILITY COMPANY'], 'organisation'),
  entry('bank', ['FIRST NATIONAL BANK OF ZIMBALA'], 'organisation'),
]);
const score = (id: string, q: ScreenQuery) =>
  screen(ix, q, { threshold: 0, maxHits: 50 }).find((h) => h.entryId === id)?.score ?? 0;

describe('whole-query coverage', () => {
  it('alerts when every part of the query matches and the list name only has more given or middle parts', () => {
    expect(score('olivas', { name: 'Luis Olivas' })).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(score('umarov', { name: 'Doku Umarov' })).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(score('choudry', { name: 'Aamir Choudry' })).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
  it('tolerates one transposition or a doubled or dropped letter in a short part', () => {
    for (const name of ['Luis Olivsa', 'Luiis Olivas', 'Lius Olivas', 'Aair Choudry', 'Tchma Man']) {
      const id = name.includes('Choudry') ? 'choudry' : name.includes('Man') ? 'tcham' : 'olivas';
      expect(score(id, { name }), name).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    }
    expect(tokenPair('OLIVSA', 'OLIVAS')?.evidence).toBeGreaterThanOrEqual(0.9);
    expect(tokenPair('LIUS', 'LUIS')?.evidence).toBeGreaterThanOrEqual(0.9);
    // Three letters are too few: MIN and MING are other names.
    expect(tokenPair('MIN', 'MING')?.evidence ?? 0).toBeLessThan(0.9);
  });
  it('does not alert when the family name is missing from the query', () => {
    expect(score('olivas', { name: 'Luis Alberto' })).toBeLessThan(DEFAULT_THRESHOLD);
  });
  it('matches initials to full given names at reduced weight', () => {
    const full = screen(ix, { name: 'Luis Alberto Perez Olivas' })[0]!;
    const initial = screen(ix, { name: 'L. Alberto Perez Olivas' }, { threshold: 0 })[0]!;
    expect(initial.entryId).toBe('olivas');
    expect(initial.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(initial.score).toBeLessThan(full.score);
    const part = initial.parts.find((p) => p.method === 'initial')!;
    expect(part).toMatchObject({ query: 'L', entry: 'LUIS' });
    expect(part.how?.en).toMatch(/initial L for LUIS/);
  });
});

describe('legal forms, abbreviations and ordinals', () => {
  it('compares legal forms written out or abbreviated as equal', () => {
    expect(normaliseName('Siemens AG').tokens).toEqual(normaliseName('Siemens Aktiengesellschaft').tokens);
    const h = screen(ix, { name: 'Siemens AG' })[0]!;
    expect(h.entryId).toBe('siemens');
    expect(h.score).toBeGreaterThan(0.9);
    expect(h.parts.find((p) => p.method === 'legalForm')?.how?.zh).toMatch(/法律形式相同/);
    expect(screen(ix, { name: "Acme Int'l LLC" })[0]?.entryId).toBe('acme');
    expect(normaliseName('Acme Intl., L.L.C.').tokens).toEqual(normaliseName('ACME INTERNATIONAL LLC').tokens);
  });
  it('writes out ordinals and common abbreviations, and says so', () => {
    const h = screen(ix, { name: "1st Nat'l Bank of Zimbala" })[0]!;
    expect(h.entryId).toBe('bank');
    expect(h.score).toBeGreaterThan(0.9);
    expect(h.parts.filter((p) => p.method === 'abbreviation').map((p) => p.entry)).toEqual(['FIRST', 'NATIONAL']);
  });
});

describe('candidate shortlist', () => {
  it("always keeps list names that share the query's rarest part", () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      entry(String(i), [`AHMED MOHAMMED HASSAN ALI ${String.fromCharCode(65 + (i % 26))}${i}X`]),
    );
    const big = buildIndex([...many, entry('rare', ['QWERTYX SMITH'])]);
    const q = normaliseName('Ahmed Mohammed Hassan Ali Qwertyx').tokens;
    const forms = candidateForms(big, q).map((f) => big.entries[big.forms[f]!.entry]!.id);
    expect(forms).toContain('rare');
  });
});
