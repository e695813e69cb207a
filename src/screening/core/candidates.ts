/**
 * Candidate generation: which list names are worth scoring for a query. Each query token looks up
 * similar vocabulary tokens by exact spelling, phonetic key and trigram overlap; each list name
 * collects the information weight of the query tokens it appears to contain; the best few are scored.
 */
import { trigrams, type ScreeningIndex } from './index-build.ts';
import { jaroWinkler } from './jaro.ts';
import { phoneticKey } from './phonetic.ts';

export interface TokenCandidate {
  vocab: number;
  sim: number;
}

const MAX_FORMS = 80;
/** Beyond MAX_FORMS, at most this many more list names that share the query's rarest part. */
const MAX_RARE_FORMS = 30;

/** Vocabulary tokens similar to one query token, with a rough similarity for ranking. */
export function similarTokens(ix: ScreeningIndex, q: string): TokenCandidate[] {
  const out = new Map<number, number>();
  const exact = ix.vocabId.get(q);
  if (exact !== undefined) out.set(exact, 1);
  if (q.length === 1) return [...out].map(([vocab, sim]) => ({ vocab, sim }));
  const key = phoneticKey(q);
  const sameSound = key.length >= 2 || q.length <= 3 ? ix.phonIndex.get(key) : undefined;
  if (sameSound && sameSound.length < 400) {
    for (const v of sameSound) if (!out.has(v)) out.set(v, Math.max(0.85, jaroWinkler(q, ix.vocab[v] ?? '')));
  }
  if (q.length >= 3) {
    const s = ix.scratch;
    const tick = ++s.tick;
    const grams = [...new Set(trigrams(q))];
    const touched: number[] = [];
    for (const g of grams) {
      const list = ix.gramIndex.get(g);
      if (!list) continue;
      for (const v of list) {
        if (s.gramStamp[v] !== tick) {
          s.gramStamp[v] = tick;
          s.gramHits[v] = 0;
          touched.push(v);
        }
        s.gramHits[v] = (s.gramHits[v] ?? 0) + 1;
      }
    }
    for (const v of touched) {
      const dice = (2 * (s.gramHits[v] ?? 0)) / (grams.length + (ix.gramCount[v] ?? 1));
      if (dice < 0.45) continue;
      const jw = jaroWinkler(q, ix.vocab[v] ?? '');
      const sim = Math.max(dice, jw >= 0.8 ? jw : 0);
      if (sim > (out.get(v) ?? 0)) out.set(v, sim);
    }
  }
  return [...out].map(([vocab, sim]) => ({ vocab, sim }));
}

/** Positions of the list names most likely to match, best first. */
export function candidateForms(ix: ScreeningIndex, queryTokens: readonly string[]): number[] {
  const s = ix.scratch;
  const tick = ++s.tick;
  const touched: number[] = [];
  // The query's rarest part (by its best close vocabulary match): entries holding it always stay shortlisted.
  let rare = { weight: 0, vocab: [] as number[] };
  queryTokens.forEach((q, qi) => {
    const similar = similarTokens(ix, q);
    const close = similar.filter((c) => c.sim >= 0.85);
    const w = Math.max(0, ...close.map((c) => ix.weight[c.vocab] ?? 0));
    if (w > rare.weight) rare = { weight: w, vocab: close.map((c) => c.vocab) };
    for (const { vocab, sim } of similar) {
      const gain = (ix.weight[vocab] ?? 0) * sim;
      for (const f of ix.postings[vocab] ?? []) {
        // The stamp marks which query token last touched the form: one query token counts once per form.
        const stamp = tick * 64 + qi;
        if (Math.floor((s.stamp[f] ?? 0) / 64) !== tick) {
          s.stamp[f] = stamp;
          s.acc[f] = gain;
          s.best[f] = gain;
          touched.push(f);
        } else if (s.stamp[f] !== stamp) {
          s.stamp[f] = stamp;
          s.acc[f] = (s.acc[f] ?? 0) + gain;
          s.best[f] = gain;
        } else if (gain > (s.best[f] ?? 0)) {
          s.acc[f] = (s.acc[f] ?? 0) + gain - (s.best[f] ?? 0);
          s.best[f] = gain;
        }
      }
    }
  });
  if (touched.length <= MAX_FORMS) return touched.sort((a, b) => (s.acc[b] ?? 0) - (s.acc[a] ?? 0));
  // Keep the best MAX_FORMS by accumulated weight without sorting every touched form.
  let cut = 0;
  for (const f of touched) cut = Math.max(cut, s.acc[f] ?? 0);
  cut *= 0.45;
  const strong = touched.filter((f) => (s.acc[f] ?? 0) >= cut);
  strong.sort((a, b) => (s.acc[b] ?? 0) - (s.acc[a] ?? 0));
  const out = strong.slice(0, MAX_FORMS);
  const kept = new Set(out);
  const rarest = rare.vocab.flatMap((v) => ix.postings[v] ?? []).filter((f) => !kept.has(f));
  // A common "rarest" part (every query part is common) adds nothing the ranking did not weigh.
  if (rarest.length > 4 * MAX_RARE_FORMS) return out;
  if (rarest.length > 0) {
    rarest.sort((a, b) => (s.acc[b] ?? 0) - (s.acc[a] ?? 0));
    out.push(...rarest.slice(0, MAX_RARE_FORMS));
  }
  return out;
}
