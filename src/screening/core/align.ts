/**
 * Name-part alignment: pairs query tokens with list-name tokens (best pairs first, each token used once).
 * Besides one-to-one pairs, one token may match two adjacent tokens on the other side ("CHENGYU" and
 * "CHENG YU", "ALTAWHID" and "AL TAWHID"), and a name whose parts are all run together or rotated
 * ("XIANHUA QIN" and "XIAN HUAQIN") still meets when the joined strings agree. Each pair gets an
 * evidence value in [0,1] and says how it matched.
 */
import { jaroWinkler } from './jaro.ts';
import type { Script } from './normalize.ts';
import { phoneticKey, spellingKey } from './phonetic.ts';
import { pinyinSyllablesOf, syllableAgreement } from './pinyin.ts';
import type { MatchMethod, PartMatch } from './types.ts';

export interface TokenPair {
  evidence: number;
  similarity: number;
  method: MatchMethod;
}

const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), on reused rows. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (n + 1 > (rows[0]?.length ?? 0)) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(2 * (n + 1));
  let prev2 = rows[0] as Int32Array;
  let prev = rows[1] as Int32Array;
  let cur = rows[2] as Int32Array;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] as number;
}

const SLIP_EVIDENCE = 0.92;
/** An initial for a full name part: reduced weight. */
const INITIAL_EVIDENCE = 0.6;
/** Another transliteration of the same name (Y for I, KH for H, OU for U, doubled letters). */
const SPELLING_EVIDENCE = 0.9;
/** Only the consonant skeleton agrees (GRETA and GERHARD): weaker than another spelling of the same name. */
const PHONETIC_EVIDENCE = 0.65;

/** One adjacent transposition, or one letter doubled or dropped: the typos a short name part survives. */
function slipOfTheHand(q: string, e: string): boolean {
  if (Math.abs(q.length - e.length) > 1 || editDistance(q, e) !== 1) return false;
  if (q.length !== e.length) return true;
  return [...q].sort().join('') === [...e].sort().join('');
}

/**
 * Evidence that two tokens name the same thing: 1 identical; about 0.75 same sound; for near spellings
 * the better of Jaro-Winkler (rescaled from [0.8,1]) and edit distance relative to length, so that a
 * typo in the first letter (which Jaro-Winkler punishes) still counts. With `pinyin` (Chinese names on
 * either side) two pinyin tokens are compared syllable by syllable: MING and MENG are other characters.
 */
export function tokenPair(
  q: string,
  e: string,
  qPhon?: string,
  ePhon?: string,
  pinyin = false,
  qSpell?: string,
  eSpell?: string,
): TokenPair | undefined {
  if (q === e) return { evidence: 1, similarity: 1, method: 'exact' };
  if (q.length === 1 || e.length === 1) {
    return q[0] === e[0] ? { evidence: INITIAL_EVIDENCE, similarity: 0.5, method: 'initial' } : undefined;
  }
  const jw = jaroWinkler(q, e);
  if (jw < 0.7) return undefined;
  const byJw = jw >= 0.8 ? (jw - 0.8) / 0.2 : 0;
  // Edit distance only where Jaro-Winkler is unconvinced (a typo early in the word) and lengths are close.
  const byEdit =
    byJw < 0.75 && Math.abs(q.length - e.length) <= 2
      ? Math.max(0, 1 - (1.5 * editDistance(q, e)) / Math.max(q.length, e.length))
      : 0;
  let fuzzy = Math.max(byJw, byEdit);
  // Short parts survive one slip of the hand almost whole: JONH, JOHHN and JON are John (not a full match).
  // A Chinese name: pinyin parts compare syllable by syllable, and never by a vowel-less key (MING is not MENG).
  if (pinyin) {
    const cap = pinyinSyllablesOf(q) && pinyinSyllablesOf(e) ? 0.25 + 0.5 * syllableAgreement(q, e) : 1;
    const ev = Math.min(fuzzy, cap);
    return ev > 0.05 ? { evidence: ev, similarity: jw, method: 'fuzzy' } : undefined;
  }
  if (fuzzy < SLIP_EVIDENCE && Math.min(q.length, e.length) >= 4 && slipOfTheHand(q, e)) fuzzy = SLIP_EVIDENCE;
  if (
    fuzzy < SPELLING_EVIDENCE &&
    Math.min(q.length, e.length) >= 4 &&
    (qSpell ?? spellingKey(q)) === (eSpell ?? spellingKey(e))
  )
    return { evidence: SPELLING_EVIDENCE, similarity: jw, method: 'transliteration' };
  const samePhon = (qPhon ?? phoneticKey(q)) === (ePhon ?? phoneticKey(e)) && Math.min(q.length, e.length) >= 3;
  if (samePhon && fuzzy < PHONETIC_EVIDENCE) return { evidence: PHONETIC_EVIDENCE, similarity: jw, method: 'phonetic' };
  if (fuzzy > 0) return { evidence: fuzzy, similarity: jw, method: 'fuzzy' };
  return undefined;
}

export interface Alignment {
  parts: PartMatch[];
  /** Which query and entry token positions each part pairs, and its evidence (same order as parts). */
  links: { qs: number[]; es: number[]; evidence: number }[];
  /** Evidence per query token and per entry token (0 when unmatched). */
  qEvidence: Float64Array;
  eEvidence: Float64Array;
}

/** Pairs query token i with entry token j; the caller may cache it across list names of one screen. */
export type PairFn = (i: number, j: number) => TokenPair | undefined;

interface Candidate {
  qs: number[];
  es: number[];
  p: TokenPair;
}

function relabel(method: MatchMethod, script: Script, qScript: Script): MatchMethod {
  const other = script !== 'latin' ? script : qScript;
  if (
    method === 'initial' ||
    method === 'joined' ||
    method === 'characters' ||
    method === 'reading' ||
    other === 'latin'
  )
    return method;
  return other === 'hanzi' ? 'pinyin' : 'transliteration';
}

/** One token against two adjacent tokens of the other side, run together (cheap checks before joining). */
function joinedPair(one: string, a: string, b: string): TokenPair | undefined {
  if (Math.abs(one.length - a.length - b.length) > 2 || (one[0] !== a[0] && one[1] !== a[1])) return undefined;
  const two = a + b;
  if (one === two) return { evidence: 1, similarity: 1, method: 'joined' };
  const jw = jaroWinkler(one, two);
  return jw >= 0.9 ? { evidence: (jw - 0.8) / 0.2, similarity: jw, method: 'joined' } : undefined;
}

export function align(
  q: readonly string[],
  e: readonly string[],
  qScript: Script,
  eScript: Script,
  pairOf?: PairFn,
  ordered = false,
): Alignment {
  const cands: Candidate[] = [];
  const pf: PairFn = pairOf ?? ((i, j) => tokenPair(q[i] ?? '', e[j] ?? ''));
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < e.length; j++) {
      const p = pf(i, j);
      if (p) cands.push({ qs: [i], es: [j], p });
      if (j + 1 < e.length) {
        const jp = joinedPair(q[i] ?? '', e[j] ?? '', e[j + 1] ?? '');
        if (jp) cands.push({ qs: [i], es: [j, j + 1], p: jp });
      }
      if (i + 1 < q.length) {
        const jp = joinedPair(e[j] ?? '', q[i] ?? '', q[i + 1] ?? '');
        if (jp) cands.push({ qs: [i, i + 1], es: [j], p: jp });
      }
    }
  }
  // Best evidence first; among equals, pairs covering more tokens, then pairs in the same position.
  cands.sort(
    (a, b) =>
      b.p.evidence - a.p.evidence ||
      b.qs.length + b.es.length - a.qs.length - a.es.length ||
      Math.abs((a.qs[0] ?? 0) - (a.es[0] ?? 0)) - Math.abs((b.qs[0] ?? 0) - (b.es[0] ?? 0)),
  );
  const qEvidence = new Float64Array(q.length);
  const eEvidence = new Float64Array(e.length);
  const qUsed = new Uint8Array(q.length);
  const eUsed = new Uint8Array(e.length);
  const parts: PartMatch[] = [];
  const links: Alignment['links'] = [];
  for (const { qs, es, p } of cands) {
    if (qs.some((i) => qUsed[i]) || es.some((j) => eUsed[j])) continue;
    for (const i of qs) {
      qUsed[i] = 1;
      qEvidence[i] = p.evidence;
    }
    for (const j of es) {
      eUsed[j] = 1;
      eEvidence[j] = p.evidence;
    }
    parts.push({
      query: qs.map((i) => q[i]).join(' '),
      entry: es.map((j) => e[j]).join(' '),
      method: relabel(p.method, eScript, qScript),
      similarity: round(p.similarity),
    });
    links.push({ qs, es, evidence: p.evidence });
  }
  // Run-together spelling says nothing when the characters were compared, or both sides say which part is the family name.
  const compared = parts.some((p) => p.method === 'characters' || p.method === 'reading');
  if (!compared && !ordered && (qEvidence.some((v) => v < 1) || eEvidence.some((v) => v < 1)))
    rotatedJoin(q, e, qEvidence, eEvidence, parts, links);
  return { parts, links, qEvidence, eEvidence };
}

/** All parts run together, in any rotation of the list name (surname first or last): "XIAN HUAQIN" = "QIN XIANHUA". */
function rotatedJoin(
  q: readonly string[],
  e: readonly string[],
  qEv: Float64Array,
  eEv: Float64Array,
  parts: PartMatch[],
  links: Alignment['links'],
): void {
  if (q.length > 4 || e.length > 4 || q.length + e.length < 3) return;
  const joined = q.join('');
  for (let r = 0; r < e.length; r++) {
    const rotated = [...e.slice(r), ...e.slice(0, r)];
    if (rotated.join('') !== joined) continue;
    qEv.fill(1);
    eEv.fill(1);
    parts.length = 0;
    parts.push({ query: q.join(' '), entry: rotated.join(' '), method: 'joined', similarity: 1 });
    links.length = 0;
    links.push({ qs: q.map((_, i) => i), es: e.map((_, j) => j), evidence: 1 });
    return;
  }
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
