/**
 * A labelled evaluation set built from the real lists: perturbed list names (positives) and generated
 * unrelated names (negatives). Seeded, so every run produces the same set.
 */
import { Converter } from 'opencc-js/cn2t';
import { pinyin } from 'pinyin-pro';
import { normaliseName } from '../src/screening/core/normalize.ts';
import type { ListEntry, ScreenQuery } from '../src/screening/core/types.ts';
import { ordinaryChineseName } from './screening-chinese.ts';
import * as N from './screening-names.ts';

export interface EvalItem {
  query: ScreenQuery;
  /** Index of the list entry this query was made from; -1 for unrelated names. */
  target: number;
  perturbation: string;
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const toTraditional = Converter({ from: 'cn', to: 't' });
const letters = 'ABCDEFGHIJKLMNOPRSTUVWYZ';
const spellings: [RegExp, string][] = [
  [/MOHAMMED|MOHAMMAD|MOHAMED/g, 'MUHAMMAD'],
  [/MUHAMMAD/g, 'MOHAMED'],
  [/OU/g, 'U'],
  [/KH/g, 'H'],
  [/Y/g, 'I'],
  [/EE/g, 'I'],
  [/SH/g, 'SCH'],
  [/V/g, 'W'],
  [/PH/g, 'F'],
  [/Q/g, 'K'],
  [/J/g, 'DJ'],
  [/IA/g, 'IYA'],
  [/U/g, 'OU'],
  [/I/g, 'Y'],
  [/AL-/g, 'EL-'],
  [/ABDUL /g, 'ABD AL '],
  [/HUSSEIN/g, 'HUSAYN'],
  [/OV\b/g, 'OFF'],
  [/TS/g, 'TZ'],
];

/** Positive categories that leave out parts of the listed name; the rest are "perturbed list names". */
export const partialKinds = ['droppedMiddle', 'partialFirstLast', 'partialWithSlip'];

/** Legal forms and abbreviations, each way round. */
const legalSwaps: [RegExp, string][] = [
  [/\bLLC\b/, 'LIMITED LIABILITY COMPANY'],
  [/\bLIMITED LIABILITY COMPANY\b/, 'LLC'],
  [/\bLTD\b\.?/, 'LIMITED'],
  [/\bLIMITED\b/, 'LTD.'],
  [/\bCO\b\.?/, 'COMPANY'],
  [/\bCOMPANY\b/, 'CO.'],
  [/\bINC\b\.?/, 'INCORPORATED'],
  [/\bCORP\b\.?/, 'CORPORATION'],
  [/\bCORPORATION\b/, 'CORP.'],
  [/\bAG\b/, 'AKTIENGESELLSCHAFT'],
  [/\bJSC\b/, 'JOINT STOCK COMPANY'],
  [/\bJOINT STOCK COMPANY\b/, 'JSC'],
  [/\bINTERNATIONAL\b/, "INT'L"],
  [/\bNATIONAL\b/, "NAT'L"],
  [/\bMANUFACTURING\b/, 'MFG'],
  [/\bFIRST\b/, '1ST'],
  [/\bSECOND\b/, '2ND'],
];

/** One adjacent transposition, doubled or dropped letter in a part of 3–6 letters. */
function slip(tokens: string[], r: () => number): string[] | undefined {
  const short = tokens.map((t, i) => (t.length >= 3 && t.length <= 6 ? i : -1)).filter((i) => i >= 0);
  if (short.length === 0) return undefined;
  const i = short[Math.floor(r() * short.length)] ?? 0;
  const t = [...(tokens[i] ?? '')];
  const k = 1 + Math.floor(r() * (t.length - 2));
  const how = Math.floor(r() * 3);
  if (how === 0) [t[k], t[k + 1]] = [t[k + 1] ?? '', t[k] ?? ''];
  else if (how === 1) t.splice(k, 0, t[k] ?? '');
  else t.splice(k, 1);
  const out = [...tokens];
  out[i] = t.join('');
  return out;
}

export function buildEvalSet(
  entries: readonly ListEntry[],
  opts: { seed: number; positives: number; negatives: number; ordinary?: number },
) {
  const r = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const py2hz = N.syllableToHanzi();
  const syllables = new Set(py2hz.keys());
  const items: EvalItem[] = [];

  const chineseOf = (e: ListEntry): string | undefined => {
    const full = e.names[0]?.full ?? '';
    // Chinese persons only (Korean names also split into pinyin-like syllables, but are not written in Hanzi).
    const chineseCountries = ['CN', 'HK', 'MO', 'TW'];
    if (e.kind !== 'person' || !/,/.test(full)) return undefined;
    if (![...e.nationalities, ...e.countries].some((c) => chineseCountries.includes(c))) return undefined;
    const [sur = '', given = ''] = full.split(',').map((s) => s.trim());
    if (/\s/.test(sur) || given.split(/[\s-]+/).length > 2) return undefined;
    const parts = [sur, ...given.split(/[\s-]+/)].map((t) => N.splitPinyin(t, syllables));
    if (parts.some((p) => !p) || parts.flat().length > 4) return undefined;
    return parts
      .flat()
      .map((s) => py2hz.get(s as string) ?? '')
      .join('');
  };

  const perturbations: Record<string, (name: string, e: ListEntry) => string | undefined> = {
    typo: (s) => edit(s, r, 'sub'),
    typoFirstLetters: (s) => edit(s, r, 'first'),
    insertion: (s) => edit(s, r, 'ins'),
    deletion: (s) => edit(s, r, 'del'),
    transposition: (s) => edit(s, r, 'swap'),
    swappedOrder: (s) => {
      const t = normaliseName(s).tokens;
      return t.length >= 2 ? [...t.slice(1), t[0]].join(' ') : undefined;
    },
    droppedMiddle: (s) => {
      const t = normaliseName(s).tokens;
      return t.length >= 3 ? [t[0], ...t.slice(2)].join(' ') : undefined;
    },
    partialFirstLast: (s, e) => {
      const t = normaliseName(s).tokens;
      return e.kind === 'person' && t.length >= 3 ? [t[0], t[t.length - 1]].join(' ') : undefined;
    },
    partialWithSlip: (s, e) => {
      const t = normaliseName(s).tokens;
      return e.kind === 'person' && t.length >= 3 ? slip([t[0] ?? '', t[t.length - 1] ?? ''], r)?.join(' ') : undefined;
    },
    shortPartSlip: (s) => slip(normaliseName(s).tokens, r)?.join(' '),
    legalForm: (s, e) => {
      if (e.kind !== 'organisation') return undefined;
      const up = s.toUpperCase();
      const found = legalSwaps.filter(([re]) => re.test(up));
      if (found.length === 0) return undefined;
      const [re, to] = pick(found);
      return up.replace(re, to);
    },
    initials: (s) => {
      const t = normaliseName(s).tokens;
      return t.length >= 3 ? [`${(t[0] ?? '')[0]}.`, ...t.slice(1)].join(' ') : undefined;
    },
    transliteration: (s) => {
      const up = s.toUpperCase();
      for (let k = 0; k < 6; k++) {
        const [re, to] = pick(spellings);
        const out = up.replace(re, to);
        if (out !== up) return out;
      }
      return undefined;
    },
    caseAndPunctuation: (s) =>
      s
        .toLowerCase()
        .replace(/,/g, ' ')
        .replace(/ /g, () => pick([' ', '  ', '-', '. '])),
    joined: (s) => {
      const t = normaliseName(s).tokens;
      return t.length >= 3 ? [t[0], t.slice(1).join('')].join(' ') : undefined;
    },
    hanzi: (_s, e) => chineseOf(e),
    hanziTraditional: (_s, e) => {
      const h = chineseOf(e);
      return h ? toTraditional(h) : undefined;
    },
  };
  const kinds = Object.keys(perturbations);
  const organisations = entries.map((e, i) => (e.kind === 'organisation' ? i : -1)).filter((i) => i >= 0);
  const chinese = entries.map((e, i) => (chineseOf(e) ? i : -1)).filter((i) => i >= 0);
  let guard = 0;
  while (items.length < opts.positives && guard++ < opts.positives * 20) {
    const kind = pick(kinds);
    const target =
      kind.startsWith('hanzi') && chinese.length > 0
        ? pick(chinese)
        : kind === 'legalForm'
          ? pick(organisations)
          : Math.floor(r() * entries.length);
    const e = entries[target];
    if (!e || e.kind === 'vessel' || e.kind === 'aircraft') continue;
    const strong = e.names.filter((n) => !n.weak && n.kind !== 'original');
    const name = pick(strong)?.full;
    if (!name) continue;
    const q = perturbations[kind]?.(name, e);
    if (!q || normaliseName(q).tokens.length === 0) continue;
    const query: ScreenQuery = { name: q };
    const dob = e.dobs[0];
    if (dob && r() < 0.4)
      query.dob = [dob.year + (r() < 0.1 ? 1 : 0), dob.month, dob.day]
        .filter((x) => x !== undefined)
        .map((x, k) => (k ? String(x).padStart(2, '0') : String(x)))
        .join('-');
    const c = e.nationalities[0] ?? e.countries[0];
    if (c && r() < 0.3) query.country = c;
    if (e.kind === 'person' && r() < 0.3) query.kind = 'person';
    items.push({ query, target, perturbation: kind });
  }

  const listed = new Set(
    entries.flatMap((e) => e.names.map((n) => normaliseName(n.full).tokens.slice().sort().join(' '))),
  );
  const generators: Record<string, () => string> = {
    chineseHanzi: () => pick(N.chineseSurnames) + pick(N.chineseGiven) + (r() < 0.6 ? pick(N.chineseGiven) : ''),
    chinesePinyin: () => {
      const [s = '', ...g] = pinyin(pick(N.chineseSurnames) + pick(N.chineseGiven) + pick(N.chineseGiven), {
        toneType: 'none',
        type: 'array',
        surname: 'head',
      });
      return `${cap(s)} ${cap(g.join(''))}`;
    },
    western: () => `${pick(N.westernFirst)} ${r() < 0.3 ? `${pick(N.westernFirst)} ` : ''}${pick(N.westernLast)}`,
    arabic: () => `${pick(N.arabicFirst)} ${pick(N.arabicFirst)} ${pick(N.arabicLast)}`,
    russian: () => `${pick(N.russianFirst)} ${pick(N.russianLast)}`,
    company: () => `${pick(N.companyWords)} ${pick(N.companyTrades)} ${pick(N.companyForms)}`,
  };
  const gens = Object.keys(generators);
  // A name whose every part is in one listed name is a partial listed name, not an unrelated one.
  const holders = new Map<string, Set<number>>();
  entries.forEach((e, ei) =>
    e.names.forEach((n) => {
      for (const t of normaliseName(n.full).tokens) {
        const set = holders.get(t) ?? new Set<number>();
        set.add(ei);
        holders.set(t, set);
      }
    }),
  );
  const partOfListed = (name: string) => {
    const sets = normaliseName(name).tokens.map((t) => holders.get(t) ?? new Set<number>());
    sets.sort((a, b) => a.size - b.size);
    return [...(sets[0] ?? [])].some((ei) => sets.every((s) => s.has(ei)));
  };
  let negs = 0;
  while (negs < opts.negatives) {
    const kind = pick(gens);
    const name = generators[kind]?.() ?? '';
    if (listed.has(normaliseName(name).tokens.slice().sort().join(' ')) || partOfListed(name)) continue; // on a list
    const query: ScreenQuery = { name };
    if (kind !== 'company' && r() < 0.4)
      query.dob = `${1940 + Math.floor(r() * 60)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
    if (r() < 0.3) query.country = pick(['CN', 'US', 'DE', 'RU', 'AE', 'EG', 'GB', 'FR']);
    items.push({ query, target: -1, perturbation: `unrelated:${kind}` });
    negs++;
  }
  // Namesakes: a listed person's exact name with a date of birth decades away. Labelled as not the listed
  // person, so the model learns what a contradicting date of birth is worth; reported apart from the headline.
  const withDob = entries
    .map((e, i) => (e.kind === 'person' && e.dobs.length > 0 && e.dobs[0]?.toYear === undefined ? i : -1))
    .filter((i) => i >= 0);
  for (let k = 0; k < opts.negatives / 10 && withDob.length > 0; k++) {
    const target = pick(withDob);
    const e = entries[target]!;
    const year = (e.dobs[0]?.year ?? 1960) + (r() < 0.5 ? -1 : 1) * (12 + Math.floor(r() * 20));
    items.push({
      query: { name: e.names[0]?.full ?? '', dob: `${year}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}` },
      target: -1,
      perturbation: 'namesake:dobDiffers',
    });
  }
  // The same listed name with a nationality it does not have.
  const withNat = entries
    .map((e, i) => (e.kind === 'person' && e.nationalities.length > 0 ? i : -1))
    .filter((i) => i >= 0);
  const countries = ['CN', 'US', 'DE', 'RU', 'IR', 'KP', 'SY', 'IQ', 'AF', 'PK', 'FR', 'GB'];
  for (let k = 0; k < opts.negatives / 10 && withNat.length > 0; k++) {
    const e = entries[pick(withNat)]!;
    const other = countries.filter((c) => !e.nationalities.includes(c) && !e.countries.includes(c));
    items.push({
      query: { name: e.names[0]?.full ?? '', country: pick(other) },
      target: -1,
      perturbation: 'namesake:nationalityDiffers',
    });
  }
  // A person query on the exact name of an organisation, vessel or aircraft.
  const things = entries.map((e, i) => (e.kind !== 'person' && e.kind !== 'unknown' ? i : -1)).filter((i) => i >= 0);
  for (let k = 0; k < opts.negatives / 10 && things.length > 0; k++) {
    const e = entries[pick(things)]!;
    items.push({
      query: { name: e.names[0]?.full ?? '', kind: 'person' },
      target: -1,
      perturbation: 'crossKind:person',
    });
  }
  // A listed two-syllable Chinese name written in Hanzi given name first: 明李 is MING Li, not LI Ming
  // (unless MING Li is listed too).
  const familyFirst = new Set(
    entries.flatMap((e) =>
      e.names.map((n) => {
        const nn = normaliseName(n.full);
        const f = nn.family ?? [];
        return [...f.map((i) => nn.tokens[i]), ...nn.tokens.filter((_, i) => !f.includes(i))].join(' ');
      }),
    ),
  );
  for (let k = 0, tries = 0; k < opts.negatives / 10 && chinese.length > 0 && tries < 10_000; tries++) {
    const e = entries[pick(chinese)]!;
    const h = chineseOf(e);
    if (!h || [...h].length !== 2) continue;
    const [a = '', b = ''] = [...h];
    if (familyFirst.has(normaliseName(b + a).tokens.join(' '))) continue;
    items.push({ query: { name: b + a }, target: -1, perturbation: 'crossedOrder:hanzi' });
    k++;
  }
  // Interleave deterministically, then split: calibration half and test half.
  const order = items
    .map((it, i) => ({ it, k: r() + i * 0 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.it);
  // Ordinary Chinese people (test only): Hanzi or romanised, without attributes or with a date of birth and nationality.
  const ordinary: EvalItem[] = [];
  const n = opts.ordinary ?? 10_000;
  for (let k = 0; k < n; k++) {
    const o = ordinaryChineseName(r);
    ordinary.push({ query: { name: o.hanzi }, target: -1, perturbation: 'ordinaryChinese:hanzi' });
  }
  for (let k = 0; k < n / 5; k++) {
    const o = ordinaryChineseName(r);
    ordinary.push({ query: { name: o.pinyin }, target: -1, perturbation: 'ordinaryChinese:pinyin' });
    const p = ordinaryChineseName(r);
    const dob = `${1950 + Math.floor(r() * 56)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    ordinary.push({
      query: { name: p.hanzi, dob, country: 'CN', kind: 'person' },
      target: -1,
      perturbation: 'ordinaryChinese:hanziWithAttributes',
    });
  }
  return {
    calibration: order.filter((_, i) => i % 2 === 0),
    test: order.filter((_, i) => i % 2 === 1),
    ordinary,
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function edit(s: string, r: () => number, how: 'sub' | 'first' | 'ins' | 'del' | 'swap'): string | undefined {
  const chars = [...s.toUpperCase()];
  const pos = () => {
    for (let k = 0; k < 10; k++) {
      const i = how === 'first' ? Math.floor(r() * 2) : Math.floor(r() * chars.length);
      if (/[A-Z]/.test(chars[i] ?? '')) return i;
    }
    return -1;
  };
  const i = pos();
  if (i < 0) return undefined;
  const L = letters[Math.floor(r() * letters.length)] ?? 'A';
  if (how === 'sub' || how === 'first') chars[i] = L === chars[i] ? 'Q' : L;
  else if (how === 'ins') chars.splice(i, 0, L);
  else if (how === 'del') chars.splice(i, 1);
  else if (i + 1 < chars.length && /[A-Z]/.test(chars[i + 1] ?? ''))
    [chars[i], chars[i + 1]] = [chars[i + 1] ?? '', chars[i] ?? ''];
  else return undefined;
  return chars.join('');
}
