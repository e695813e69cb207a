/**
 * Screening one query against an index: candidates, name alignment, factors, a calibrated probability
 * per list entry, and an explanation of every hit.
 */
import { align, round, tokenPair, type Alignment, type TokenPair } from './align.ts';
import { phoneticKey, spellingKey } from './phonetic.ts';
import { candidateForms } from './candidates.ts';
import { countryCode } from './countries.ts';
import { compareDob, dobGapYears, parseDob, type DobAgreement } from './dates.ts';
import { explainedParts, explainHit } from './explain.ts';
import { normaliseIdNumber, type ScreeningIndex } from './index-build.ts';
import { contributions, defaultWeights, logit, sigmoid, type Features, type Weights } from './model.ts';
import { nameFeatures, withCharacters } from './name-features.ts';
import { normaliseName, type NormalName } from './normalize.ts';
import { isPinyinName } from './pinyin.ts';
import type { DateSpec, Hit, ListEntry, ScreenQuery } from './types.ts';

export interface ScreenOptions {
  /** Lowest probability reported as a hit (default 0.5: more likely than not). */
  threshold?: number;
  /** Per-list thresholds by list id, over `threshold`. */
  thresholds?: Record<string, number>;
  /** From this probability a strong-alias hit is recommended for blocking (default 0.95). */
  blockThreshold?: number;
  maxHits?: number;
  /** Only these list ids. */
  lists?: readonly string[];
  weights?: Weights;
  /**
   * Also alert across kinds: a person query on organisations, vessels and aircraft, and the other way
   * round. By default a query with a kind only meets entries of its kind (and entries of unknown kind).
   */
  crossKind?: boolean;
}

export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_BLOCK_THRESHOLD = 0.95;
/** An identical ID document number decides the match; shown as this many log-odds in the explanation. */
const ID_LOG_ODDS = 20;

interface PreparedQuery {
  name: NormalName;
  /** The query is a Chinese name (Hanzi, or every part pinyin): pinyin parts compare syllable by syllable. */
  pinyin: boolean;
  dob: DateSpec | undefined;
  country: string | undefined;
  query: ScreenQuery;
  idKeys: string[];
}

/** What the model saw for one (query, entry) pair: used for hits and by the calibration bench. */
export interface Scored {
  entry: number;
  form: number;
  weak: boolean;
  features: Features;
  alignment: Alignment;
  z: number;
  dob: DobAgreement;
  idMatch: string | undefined;
}

export function prepareQuery(q: ScreenQuery): PreparedQuery {
  const name = normaliseName(q.name, q.kind === 'person');
  return {
    name,
    pinyin: name.script === 'hanzi' || isPinyinName(name.tokens),
    dob: q.dob ? parseDob(q.dob) : undefined,
    country: q.country ? countryCode(q.country) : undefined,
    query: q,
    idKeys: (q.ids ?? []).map((d) => normaliseIdNumber(d.number)).filter((k) => k.length >= 5),
  };
}

function factorFeatures(pq: PreparedQuery, e: ListEntry): { f: Partial<Features>; dob: DobAgreement } {
  const dob = compareDob(pq.dob, e.dobs);
  const f: Partial<Features> = {
    dobExact: dob === 'day' || dob === 'month' ? 1 : 0,
    dobYear: dob === 'year' ? 1 : 0,
    dobNear: dob === 'near' ? 1 : 0,
    // From nothing at one year apart to fully contradicting at five: lists are often a year or two off.
    dobDiffers: dob === 'differs' ? Math.min(1, (dobGapYears(pq.dob, e.dobs) - 1) / 4) : 0,
  };
  const c = pq.country;
  if (c) {
    const known = e.nationalities.length + e.countries.length > 0;
    const match = e.nationalities.includes(c) || e.countries.includes(c);
    f.countryMatch = match ? 1 : 0;
    f.countryDiffers = !known || match ? 0 : e.nationalities.length > 0 ? 1 : 0.5;
  }
  const g = pq.query.gender;
  f.genderDiffers = g && e.gender && g !== e.gender ? 1 : 0;
  const k = pq.query.kind;
  f.kindDiffers = k && k !== 'unknown' && e.kind !== 'unknown' && (k === 'person') !== (e.kind === 'person') ? 1 : 0;
  return { f, dob };
}

/** The best-scoring strong and weak name of every candidate entry. */
export function scoreCandidates(
  ix: ScreeningIndex,
  pq: PreparedQuery,
  weights: Weights = defaultWeights,
  lists?: readonly string[],
  crossKind = false,
): Scored[] {
  const q = pq.name.tokens;
  const qPhon = q.map(phoneticKey);
  const qSpell = q.map(spellingKey);
  const best = new Map<string, Scored>();
  const qKind = pq.query.kind;
  const kindFilter = !crossKind && qKind !== undefined && qKind !== 'unknown';
  // Many list names share tokens: compare each (query token, vocabulary token) pair once per screen.
  const cache = new Map<number, TokenPair | null>();
  const nv = ix.vocab.length;
  const consider = (fi: number) => {
    const form = ix.forms[fi];
    if (!form) return;
    const entry = ix.entries[form.entry];
    if (!entry || (lists && !lists.includes(entry.listId))) return;
    if (kindFilter && entry.kind !== 'unknown' && (entry.kind === 'person') !== (qKind === 'person')) return;
    const weak = entry.names[form.name]?.weak ?? false;
    const key = `${form.entry}|${weak ? 'w' : 's'}`;
    const eTokens = Array.from(form.tokens, (id) => ix.vocab[id] ?? '');
    // Chinese names on both sides compare pinyin syllable by syllable (cached apart from other pairs).
    const py = pq.pinyin || form.script === 'hanzi' ? 1 : 0;
    const pairOf = (i: number, j: number): TokenPair | undefined => {
      const vid = form.tokens[j] ?? 0;
      const k = (i * nv + vid) * 2 + py;
      let p = cache.get(k);
      if (p === undefined) {
        p =
          tokenPair(q[i] ?? '', ix.vocab[vid] ?? '', qPhon[i], ix.phon[vid], py === 1, qSpell[i], ix.spell[vid]) ??
          null;
        cache.set(k, p);
      }
      return p ?? undefined;
    };
    const ordered = pq.name.family !== undefined && form.family !== undefined;
    const alignment = align(q, eTokens, pq.name.script, form.script, withCharacters(pq.name, form, pairOf), ordered);
    const { f: ff, dob } = factorFeatures(pq, entry);
    const features = {
      bias: 1,
      countryMatch: 0,
      countryDiffers: 0,
      readingDobAgrees: 0,
      readingNationalityAgrees: 0,
      ...nameFeatures(ix, pq.name, form, alignment),
      ...ff,
    } as Features;
    // A name matched by its reading only gets back what a date of birth or nationality corroborates.
    if (features.readingOnly > 0 || features.shortReadingOnly > 0) {
      features.readingDobAgrees = features.dobExact + features.dobYear > 0 && features.dobDiffers === 0 ? 1 : 0;
      features.readingNationalityAgrees = pq.country !== undefined && entry.nationalities.includes(pq.country) ? 1 : 0;
    }
    const z = logit(weights, features);
    const idMatch = pq.idKeys.find((k) => ix.idIndex.get(k)?.includes(form.entry));
    const prev = best.get(key);
    if (!prev || z > prev.z) best.set(key, { entry: form.entry, form: fi, weak, features, alignment, z, dob, idMatch });
  };
  if (q.length > 0) for (const fi of candidateForms(ix, q)) consider(fi);
  // An identical ID document makes an entry a candidate whatever its name.
  for (const k of pq.idKeys) {
    for (const ei of ix.idIndex.get(k) ?? []) {
      const fi = ix.forms.findIndex((f) => f.entry === ei);
      if (fi >= 0 && !best.has(`${ei}|s`) && !best.has(`${ei}|w`)) consider(fi);
    }
  }
  return [...best.values()];
}

function describe(
  pq: PreparedQuery,
  e: ListEntry,
  s: Scored,
): Partial<Record<Hit['factors'][number]['factor'], string>> {
  const dobs = e.dobs.map(
    (d) => [d.year, d.month, d.day].filter((x) => x !== undefined).join('-') + (d.toYear ? `..${d.toYear}` : ''),
  );
  return {
    prior: 'base rate of the model',
    name:
      s.alignment.parts.map((p) => `${p.query}~${p.entry} (${p.method})`).join(', ') +
      (s.features.familyOrderCrossed ? '; family name against given name' : '') +
      (s.features.readingOnly ? '; reading only' : ''),
    dob: pq.dob ? `${pq.query.dob ?? ''} vs ${dobs.join(' | ') || 'none on list'}: ${s.dob}` : 'not given',
    country: pq.country
      ? `${pq.country} vs ${[...e.nationalities, ...e.countries].join(',') || 'none on list'}`
      : 'not given',
    gender: pq.query.gender ? `${pq.query.gender} vs ${e.gender ?? 'unknown'}` : 'not given',
  };
}

/** Screens one query; hits at or above the (per-list) threshold, best first. */
export function screen(ix: ScreeningIndex, query: ScreenQuery, options: ScreenOptions = {}): Hit[] {
  const weights = options.weights ?? defaultWeights;
  const pq = prepareQuery(query);
  const scored = scoreCandidates(ix, pq, weights, options.lists, options.crossKind);
  const byEntry = new Map<number, Hit>();
  // Strong names first: a weak alias is reported only when no strong name of the entry reached the threshold.
  scored.sort((a, b) => Number(a.weak) - Number(b.weak));
  for (const s of scored) {
    const e = ix.entries[s.entry];
    if (!e || byEntry.has(s.entry)) continue;
    const threshold = options.thresholds?.[e.listId] ?? options.threshold ?? DEFAULT_THRESHOLD;
    const p = s.idMatch ? 1 : sigmoid(s.z);
    if (p < threshold) continue;
    const factors = contributions(weights, s.features, describe(pq, e, s));
    if (s.idMatch)
      factors.push({ factor: 'id', detail: `identical document number ${s.idMatch}`, logOdds: ID_LOG_ODDS });
    const form = ix.forms[s.form];
    const name = e.names[form?.name ?? 0];
    const decisive = s.idMatch !== undefined;
    const f = s.features;
    const corroborated =
      decisive ||
      ((s.dob === 'day' || s.dob === 'month' || s.dob === 'year') && f.dobDiffers === 0) ||
      (f.countryMatch > 0 && pq.country !== undefined && e.nationalities.includes(pq.country));
    const contradicted = [
      ...(f.dobDiffers > 0 ? ['date of birth'] : []),
      ...(f.countryDiffers >= 1 ? ['nationality'] : []),
    ];
    // By reading only (Hanzi against a romanised name, or other characters): never block without corroboration.
    // Romanised Chinese names on both sides are readings too ("Chen Meiling" is many people).
    const byReading =
      f.readingOnly > 0 || f.shortReadingOnly > 0 || f.otherCharacters > 0 || (pq.pinyin && form?.pinyin === true);
    const block =
      decisive ||
      (!s.weak &&
        p >= (options.blockThreshold ?? DEFAULT_BLOCK_THRESHOLD) &&
        contradicted.length === 0 &&
        f.familyOrderCrossed === 0 &&
        (!byReading || corroborated));
    const parts = form ? explainedParts(s.alignment, pq.name, form) : s.alignment.parts;
    byEntry.set(s.entry, {
      listId: e.listId,
      entryId: e.id,
      kind: e.kind,
      score: round(p, 4),
      matchedName: name?.full ?? '',
      nameKind: name?.kind ?? 'primary',
      weakOnly: s.weak && !decisive,
      decisive,
      recommendation: block ? 'block' : 'review',
      parts,
      factors,
      corroborated,
      explanation: explainHit({
        parts,
        crossed: f.familyOrderCrossed > 0,
        readingOnly: byReading,
        corroborated,
        contradicted,
        weak: s.weak,
        block,
      }),
    });
  }
  return [...byEntry.values()].sort((a, b) => b.score - a.score).slice(0, options.maxHits ?? 10);
}
