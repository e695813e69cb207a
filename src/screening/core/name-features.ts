/**
 * What the alignment of a query name with one list name says, as model features: how much of each side
 * is covered (tokens weighted by rarity), whether the whole query matched, whether family names met
 * given names, and for Chinese names whether the match rests on characters or only on their reading.
 */
import type { Alignment, PairFn, TokenPair } from './align.ts';
import type { NameForm, ScreeningIndex } from './index-build.ts';
import { coverageLogit, type Features } from './model.ts';
import type { NormalName } from './normalize.ts';
import { pinyinSyllablesOf } from './pinyin.ts';

/** Evidence of a part whose Hanzi read the same but are other characters, per differing character. */
export const OTHER_CHARACTER_EVIDENCE = 0.5;

/**
 * Wraps a reading-level pair function with a character comparison where both sides were written in
 * Hanzi: identical characters are full evidence ('characters'); the same reading in other characters
 * is weaker ('reading').
 */
export function withCharacters(q: NormalName, form: NameForm, base: PairFn): PairFn {
  const qc = q.chars;
  const ec = form.chars;
  if (!qc || !ec) return base;
  return (i, j) => {
    const p = base(i, j);
    const a = qc[i] ?? '';
    const b = ec[j] ?? '';
    if (!p || p.method !== 'exact' || !a || !b || a.length !== b.length) return p;
    if (a === b) return { evidence: 1, similarity: 1, method: 'characters' } satisfies TokenPair;
    let same = 0;
    for (let k = 0; k < a.length; k++) if (a[k] === b[k]) same++;
    const evidence = (same + OTHER_CHARACTER_EVIDENCE * (a.length - same)) / a.length;
    return { evidence, similarity: same / a.length, method: 'reading' } satisfies TokenPair;
  };
}

/** Syllables of a name that is all pinyin; 0 when some part is not pinyin. */
function pinyinCount(tokens: readonly string[]): number {
  let n = 0;
  for (const t of tokens) {
    const s = pinyinSyllablesOf(t);
    if (!s) return 0;
    n += s.length;
  }
  return n;
}

const hanziCount = (chars: readonly string[] | undefined) => (chars ?? []).reduce((n, c) => n + [...c].length, 0);

export function nameFeatures(ix: ScreeningIndex, q: NormalName, form: NameForm, a: Alignment): Partial<Features> {
  const qt = q.tokens;
  let qNum = 0;
  let qDen = 0;
  qt.forEach((t, i) => {
    const id = ix.vocabId.get(t);
    const w = id === undefined ? 1 : (ix.weight[id] ?? 1);
    qNum += w * (a.qEvidence[i] ?? 0);
    qDen += w;
  });
  let eNum = 0;
  let eDen = 0;
  form.tokens.forEach((id, j) => {
    const w = ix.weight[id] ?? 1;
    eNum += w * (a.eEvidence[j] ?? 0);
    eDen += w;
  });
  const qc = qDen > 0 ? qNum / qDen : 0;
  const ec = eDen > 0 ? eNum / eDen : 0;
  let unmatched = 0;
  for (const v of a.qEvidence) if (v === 0) unmatched++;

  // Family names on both sides known: a family name paired with a given name is another person (王伟 is not WEI Wang).
  const qf = q.family;
  const ef = form.family;
  let crossed = 0;
  if (qf && ef) {
    for (const l of a.links) {
      if (l.evidence <= 0 || l.qs.length + l.es.length > 2) continue;
      if (l.qs.some((i) => qf.includes(i)) !== l.es.some((j) => ef.includes(j))) crossed = 1;
    }
  }

  // Every part of a 2+-part query matched, the family name included: the list name only adds parts.
  const allMatched = qt.length >= 2 && a.qEvidence.every((v, i) => v >= 0.75 || (v > 0 && qt[i]?.length === 1));
  const someFull = a.qEvidence.some((v) => v >= 0.75);
  const eMatched = (j: number) => (a.eEvidence[j] ?? 0) > 0;
  const familyIn = ef
    ? ef.some(eMatched)
    : form.tokens.length <= qt.length || eMatched(0) || eMatched(form.tokens.length - 1);
  // Only where coverage undersells the match: the list name has more parts, or a part matched by initial or spelling.
  const undersold = a.eEvidence.some((v) => v === 0) || a.qEvidence.some((v) => v < 1);
  const whole = allMatched && someFull && undersold && familyIn && crossed === 0 ? 1 : 0;

  // Hanzi against a romanised name: only the reading can agree. Two syllables are shared by thousands.
  const qHan = q.script === 'hanzi' && q.chars !== undefined;
  const eHan = form.chars !== undefined;
  const readingOnly = qHan !== eHan && qc > 0 ? 1 : 0;
  const syllables = qHan ? hanziCount(q.chars) : eHan ? hanziCount(form.chars) : pinyinCount(q.tokens);
  // Romanised Chinese names on both sides are readings too: two syllables (Wang Wei) are as common.
  const pinyinBoth = !qHan && !eHan && form.pinyin && syllables > 0;
  let other = 0;
  if (qHan && eHan) {
    let n = 0;
    let differ = 0;
    for (const l of a.links) {
      if (l.qs.length !== 1 || l.es.length !== 1) continue;
      const x = q.chars?.[l.qs[0] ?? 0] ?? '';
      const y = form.chars?.[l.es[0] ?? 0] ?? '';
      if (!x || x.length !== y.length) continue;
      for (let k = 0; k < x.length; k++) {
        n++;
        if (x[k] !== y[k]) differ++;
      }
    }
    other = n > 0 ? differ / n : 0;
  }
  return {
    queryCoverage: coverageLogit(qc),
    entryCoverage: coverageLogit(ec),
    minCoverage: coverageLogit(Math.min(qc, ec)),
    unmatchedQueryTokens: Math.min(3, unmatched),
    singleTokenQuery: qt.length === 1 ? 1 : 0,
    wholeQueryMatched: whole,
    familyOrderCrossed: crossed,
    readingOnly,
    shortReadingOnly: (readingOnly || pinyinBoth) && syllables <= 2 && qc > 0 ? 1 : 0,
    otherCharacters: other,
  };
}
