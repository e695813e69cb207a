/** Row ↔ record mapping for the parties tables (both dialects). */
import { Type } from '@sinclair/typebox';
import type { StoredHit, StoredParty, StoredRating, StoredScreen, StoredVersion } from '../core/types.ts';
import { hitRecommendations, hitStatuses, partyKinds, ratingFactors, riskLevels } from '../core/types.ts';
import { c2Keys } from '../core/classes.ts';
import { PartyInputSchema } from '../schemas.ts';
import { rowOf, type Row } from '../../store/index.ts';

// Stored JSON columns, checked on the way out so a corrupted row fails naming its column.
const StringList = Type.Array(Type.String(), { $id: 'string[]' });
const ClearPart = Type.Omit(PartyInputSchema, c2Keys, { $id: 'C1Part' });
const Reasons = Type.Array(
  Type.Object({
    factor: Type.Union(ratingFactors.map((f) => Type.Literal(f))),
    points: Type.Number(),
    floor: Type.Optional(Type.Union(riskLevels.map((l) => Type.Literal(l)))),
    en: Type.String(),
    zh: Type.String(),
  }),
  { $id: 'RatingReason[]' },
);

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export const partyColumns = 'tenant_id, id, kind, version, external_id, risk_level, created_at, updated_at, erased_at';
export const partyParams = (p: StoredParty): unknown[] => [
  p.tenantId,
  p.id,
  p.kind,
  p.version,
  p.externalId,
  p.riskLevel,
  p.createdAt,
  p.updatedAt,
  p.erasedAt,
];
export const partyFromRow = (row: Row): StoredParty => {
  const r = rowOf(row, 'party_parties');
  return {
    tenantId: r.str('tenant_id'),
    id: r.str('id'),
    kind: r.oneOf('kind', partyKinds),
    version: r.int('version'),
    externalId: r.optStr('external_id'),
    riskLevel: r.optOneOf('risk_level', riskLevels),
    createdAt: r.int('created_at'),
    updatedAt: r.int('updated_at'),
    erasedAt: r.optInt('erased_at'),
  };
};

export const versionColumns =
  'tenant_id, party_id, version, clear, sealed, content_hash, screen_key, actor, created_at';
export const versionParams = (v: StoredVersion): unknown[] => [
  v.tenantId,
  v.partyId,
  v.version,
  JSON.stringify(v.clear),
  v.sealed,
  v.contentHash,
  v.screenKey,
  v.actor,
  v.createdAt,
];
export const versionFromRow = (row: Row): StoredVersion => {
  const r = rowOf(row, 'party_versions');
  return {
    tenantId: r.str('tenant_id'),
    partyId: r.str('party_id'),
    version: r.int('version'),
    clear: r.json('clear', ClearPart),
    sealed: r.str('sealed'),
    contentHash: r.str('content_hash'),
    screenKey: r.str('screen_key'),
    actor: r.str('actor'),
    createdAt: r.int('created_at'),
  };
};

export const hitColumns =
  'tenant_id, id, party_id, party_version, screen_key, list_id, entry_id, entry_fp, matched_name, score, recommendation, sanctions, list_versions, sealed, status, decided_by, decided_at, reason, first_seen_at, last_screened_at';
export const hitParams = (h: StoredHit): unknown[] => [
  h.tenantId,
  h.id,
  h.partyId,
  h.partyVersion,
  h.screenKey,
  h.listId,
  h.entryId,
  h.entryFp,
  h.matchedName,
  h.score,
  h.recommendation,
  h.sanctions ? 1 : 0,
  JSON.stringify(h.listVersions),
  h.sealed,
  h.status,
  h.decidedBy,
  h.decidedAt,
  h.reason,
  h.firstSeenAt,
  h.lastScreenedAt,
];
export const hitFromRow = (row: Row): StoredHit => {
  const r = rowOf(row, 'party_hits');
  return {
    tenantId: r.str('tenant_id'),
    id: r.str('id'),
    partyId: r.str('party_id'),
    partyVersion: r.int('party_version'),
    screenKey: r.str('screen_key'),
    listId: r.str('list_id'),
    entryId: r.str('entry_id'),
    entryFp: r.str('entry_fp'),
    matchedName: r.str('matched_name'),
    score: r.num('score'),
    recommendation: r.oneOf('recommendation', hitRecommendations),
    sanctions: r.bool('sanctions'),
    listVersions: r.json('list_versions', StringList),
    sealed: r.str('sealed'),
    status: r.oneOf('status', hitStatuses),
    decidedBy: r.optStr('decided_by'),
    decidedAt: r.optInt('decided_at'),
    reason: r.optStr('reason'),
    firstSeenAt: r.int('first_seen_at'),
    lastScreenedAt: r.int('last_screened_at'),
  };
};

export const ratingColumns =
  'tenant_id, id, party_id, party_version, level, points, reasons, country_list, list_versions, trigger_kind, at';
export const ratingParams = (r: StoredRating): unknown[] => [
  r.tenantId,
  r.id,
  r.partyId,
  r.partyVersion,
  r.level,
  r.points,
  JSON.stringify(r.reasons),
  r.countryList,
  JSON.stringify(r.listVersions),
  r.trigger,
  r.at,
];
export const ratingFromRow = (row: Row): StoredRating => {
  const r = rowOf(row, 'party_ratings');
  return {
    tenantId: r.str('tenant_id'),
    id: r.str('id'),
    partyId: r.str('party_id'),
    partyVersion: r.int('party_version'),
    level: r.oneOf('level', riskLevels),
    points: r.int('points'),
    reasons: r.json('reasons', Reasons),
    countryList: r.str('country_list'),
    listVersions: r.json('list_versions', StringList),
    trigger: r.str('trigger_kind'),
    at: r.int('at'),
  };
};

export const screenFromRow = (row: Row): StoredScreen => {
  const r = rowOf(row, 'party_screens');
  return {
    tenantId: r.str('tenant_id'),
    id: r.str('id'),
    partyId: r.str('party_id'),
    partyVersion: r.int('party_version'),
    listVersions: r.json('list_versions', StringList),
    hitIds: r.json('hit_ids', StringList),
    at: r.int('at'),
  };
};
