/**
 * What screening reads of a party: one query per name (every script, every alias) with the date of
 * birth, nationality, gender and ID documents; the hits merged per list entry (best score kept). Also
 * the canonical texts behind the two suppression keys: the party's screening data and what the list
 * entry showed the matcher.
 */
import { canonicalJson } from '../../kernel/index.ts';
import type { Hit, ScreenQuery } from '../../screening/index.ts';
import type { C1Part, C2Part } from './classes.ts';

export function screenQueries(c1: C1Part, c2: C2Part): ScreenQuery[] {
  const country = c1.nationalities?.[0] ?? c1.residence;
  const ids = (c2.idDocuments ?? []).map((d) => ({
    type: d.type,
    number: d.number,
    ...(d.country ? { country: d.country } : {}),
  }));
  const names = [...new Set(c2.names.map((n) => n.full.trim()).filter(Boolean))];
  return names.map((name) => ({
    name,
    kind: c1.kind,
    ...(c2.dateOfBirth && c1.kind === 'person' ? { dob: c2.dateOfBirth } : {}),
    ...(country ? { country } : {}),
    ...(c2.gender ? { gender: c2.gender } : {}),
    ...(ids.length ? { ids } : {}),
  }));
}

/** The best hit per (list, entry), highest score first. */
export function mergeHits(perName: readonly (readonly Hit[])[]): Hit[] {
  const best = new Map<string, Hit>();
  for (const hits of perName) {
    for (const h of hits) {
      const k = `${h.listId}\u0000${h.entryId}`;
      const prev = best.get(k);
      if (!prev || h.score > prev.score || (h.decisive && !prev.decisive)) best.set(k, h);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** The party data screening depends on, canonical: changes here re-open suppressed hits. */
export function screenText(c1: C1Part, c2: C2Part): string {
  return canonicalJson({
    kind: c1.kind,
    names: [...new Set(c2.names.map((n) => n.full.trim()))].sort(),
    dob: c2.dateOfBirth ?? null,
    nationalities: [...(c1.nationalities ?? [])].sort(),
    residence: c1.residence ?? null,
    gender: c2.gender ?? null,
    ids: (c2.idDocuments ?? []).map((d) => `${d.type}:${d.number}:${d.country ?? ''}`).sort(),
  });
}

/**
 * What the list entry contributed to the hit: its id, kind, the listed name matched and the entry
 * side of each factor. A changed entry (new alias, corrected DOB, new ID) gives another fingerprint.
 */
export function entryText(h: Hit): string {
  return canonicalJson({
    list: h.listId,
    entry: h.entryId,
    kind: h.kind,
    name: h.matchedName,
    nameKind: h.nameKind,
    weak: h.weakOnly,
    decisive: h.decisive,
    parts: h.parts.map((p) => p.entry),
    factors: h.factors.map((f) => `${f.factor}:${f.detail.split(' vs ').slice(1).join(' vs ')}`),
  });
}

/** Lists whose id mentions PEP are PEP lists; every other list is a sanctions list. */
export const isPepList = (listId: string): boolean => /pep/i.test(listId);
