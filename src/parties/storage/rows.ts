/** Row ↔ record mapping for the parties tables (both dialects). */
import type { StoredHit, StoredParty, StoredRating, StoredScreen, StoredVersion } from '../core/types.ts';
import type { Row } from '../../store/index.ts';

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null =>
  typeof v === 'string' ? v : v === null || v === undefined ? null : JSON.stringify(v);

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
export const partyFromRow = (r: Row): StoredParty => ({
  tenantId: String(r.tenant_id),
  id: String(r.id),
  kind: r.kind as StoredParty['kind'],
  version: num(r.version),
  externalId: strOrNull(r.external_id),
  riskLevel: strOrNull(r.risk_level) as StoredParty['riskLevel'],
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  erasedAt: numOrNull(r.erased_at),
});

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
export const versionFromRow = (r: Row): StoredVersion => ({
  tenantId: String(r.tenant_id),
  partyId: String(r.party_id),
  version: num(r.version),
  clear: JSON.parse(String(r.clear)) as StoredVersion['clear'],
  sealed: String(r.sealed),
  contentHash: String(r.content_hash),
  screenKey: String(r.screen_key),
  actor: String(r.actor),
  createdAt: num(r.created_at),
});

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
export const hitFromRow = (r: Row): StoredHit => ({
  tenantId: String(r.tenant_id),
  id: String(r.id),
  partyId: String(r.party_id),
  partyVersion: num(r.party_version),
  screenKey: String(r.screen_key),
  listId: String(r.list_id),
  entryId: String(r.entry_id),
  entryFp: String(r.entry_fp),
  matchedName: String(r.matched_name),
  score: num(r.score),
  recommendation: r.recommendation as StoredHit['recommendation'],
  sanctions: num(r.sanctions) === 1,
  listVersions: JSON.parse(String(r.list_versions)) as string[],
  sealed: String(r.sealed),
  status: r.status as StoredHit['status'],
  decidedBy: strOrNull(r.decided_by),
  decidedAt: numOrNull(r.decided_at),
  reason: strOrNull(r.reason),
  firstSeenAt: num(r.first_seen_at),
  lastScreenedAt: num(r.last_screened_at),
});

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
export const ratingFromRow = (r: Row): StoredRating => ({
  tenantId: String(r.tenant_id),
  id: String(r.id),
  partyId: String(r.party_id),
  partyVersion: num(r.party_version),
  level: r.level as StoredRating['level'],
  points: num(r.points),
  reasons: JSON.parse(String(r.reasons)) as StoredRating['reasons'],
  countryList: String(r.country_list),
  listVersions: JSON.parse(String(r.list_versions)) as string[],
  trigger: String(r.trigger_kind),
  at: num(r.at),
});

export const screenFromRow = (r: Row): StoredScreen => ({
  tenantId: String(r.tenant_id),
  id: String(r.id),
  partyId: String(r.party_id),
  partyVersion: num(r.party_version),
  listVersions: JSON.parse(String(r.list_versions)) as string[],
  hitIds: JSON.parse(String(r.hit_ids)) as string[],
  at: num(r.at),
});
