/**
 * The screening index, built once per set of list versions. Every entry name becomes a "form" (its
 * normalised tokens); distinct tokens form a vocabulary reached by three keys — the token itself, its
 * phonetic key and its character trigrams — so a query token finds list tokens that are spelt the same,
 * sound the same, or share most letters (a typo in the first letters still shares the later trigrams).
 */
import { normaliseName, type Script } from './normalize.ts';
import { phoneticKey, spellingKey } from './phonetic.ts';
import { isPinyinName } from './pinyin.ts';
import type { ListEntry } from './types.ts';

export interface NameForm {
  entry: number;
  name: number;
  tokens: Int32Array;
  script: Script;
  /** Family-name token positions, when the listed name says ("SURNAME, Given", Hanzi). */
  family?: number[];
  /** The Hanzi behind each token, for names listed in Chinese characters. */
  chars?: string[];
  /** Every token can be read as pinyin syllables: compared syllable by syllable against Chinese names. */
  pinyin: boolean;
  /** Canonical legal forms of an organisation name (AG, LLC, ...), for explanations. */
  legal?: string[];
}

export interface ScreeningIndex {
  entries: readonly ListEntry[];
  forms: NameForm[];
  vocab: string[];
  vocabId: Map<string, number>;
  phon: string[];
  /** Spelling key of each token (see spellingKey), computed once. */
  spell: string[];
  phonIndex: Map<string, number[]>;
  /** Information weight of each token: rare tokens (a surname) say more than common ones (AL, MOHAMMED). */
  weight: Float64Array;
  postings: number[][];
  gramIndex: Map<string, number[]>;
  gramCount: Uint16Array;
  /** Entries' ID document numbers, normalised, to entry positions: an exact ID match is decisive. */
  idIndex: Map<string, number[]>;
  /** Scratch space for one screen at a time (screening is synchronous). */
  scratch: {
    acc: Float64Array;
    stamp: Float64Array;
    best: Float64Array;
    gramHits: Uint16Array;
    gramStamp: Float64Array;
    tick: number;
  };
}

export function trigrams(token: string): string[] {
  const s = `^${token}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
}

/** Passport and ID numbers compared without spaces, dashes and case. */
export function normaliseIdNumber(n: string): string {
  return n.toUpperCase().replace(/[^A-Z0-9]/gu, '');
}

export function buildIndex(entries: readonly ListEntry[]): ScreeningIndex {
  const forms: NameForm[] = [];
  const vocab: string[] = [];
  const vocabId = new Map<string, number>();
  const postings: number[][] = [];
  const idIndex = new Map<string, number[]>();
  const intern = (t: string): number => {
    let id = vocabId.get(t);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(t);
      vocabId.set(t, id);
      postings.push([]);
    }
    return id;
  };
  const seen = new Set<string>();
  entries.forEach((entry, ei) => {
    seen.clear();
    entry.names.forEach((n, ni) => {
      const norm = normaliseName(n.full, entry.kind === 'person');
      if (norm.tokens.length === 0) return;
      const sig = `${norm.tokens.join(' ')}|${n.weak ? 'w' : 's'}`;
      if (seen.has(sig)) return; // the same name twice on one entry adds nothing
      seen.add(sig);
      const ids = Int32Array.from(norm.tokens.map(intern));
      const fi = forms.length;
      const form: NameForm = {
        entry: ei,
        name: ni,
        tokens: ids,
        script: norm.script,
        pinyin: isPinyinName(norm.tokens),
      };
      if (norm.family) form.family = norm.family;
      if (norm.chars) form.chars = norm.chars;
      if (norm.legal) form.legal = norm.legal;
      forms.push(form);
      for (const id of new Set(ids)) postings[id]?.push(fi);
    });
    for (const doc of entry.ids) {
      const k = normaliseIdNumber(doc.number);
      if (k.length < 5) continue; // too short to be decisive
      const list = idIndex.get(k) ?? [];
      list.push(ei);
      idIndex.set(k, list);
    }
  });

  const n = Math.max(1, forms.length);
  const weight = new Float64Array(vocab.length);
  const phon: string[] = [];
  const spell: string[] = [];
  const phonIndex = new Map<string, number[]>();
  const gramIndex = new Map<string, number[]>();
  const gramCount = new Uint16Array(vocab.length);
  vocab.forEach((t, id) => {
    const df = postings[id]?.length ?? 1;
    weight[id] = 0.25 + Math.log(1 + n / df) / Math.log(1 + n);
    const key = phoneticKey(t);
    phon.push(key);
    spell.push(spellingKey(t));
    if (key.length > 0) {
      const l = phonIndex.get(key) ?? [];
      l.push(id);
      phonIndex.set(key, l);
    }
    const grams = [...new Set(trigrams(t))];
    gramCount[id] = grams.length;
    for (const g of grams) {
      const l = gramIndex.get(g) ?? [];
      l.push(id);
      gramIndex.set(g, l);
    }
  });

  return {
    entries,
    forms,
    vocab,
    vocabId,
    phon,
    spell,
    phonIndex,
    weight,
    postings,
    gramIndex,
    gramCount,
    idIndex,
    scratch: {
      acc: new Float64Array(forms.length),
      stamp: new Float64Array(forms.length),
      best: new Float64Array(forms.length),
      gramHits: new Uint16Array(vocab.length),
      gramStamp: new Float64Array(vocab.length),
      tick: 0,
    },
  };
}
