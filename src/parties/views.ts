/** What the API shows of a party, a version and a hit: C2 masked unless revealed, nothing C2 once erased. */
import type { Hit } from '../screening/index.ts';
import type { C2Part } from './core/classes.ts';
import { maskC2 } from './core/masking.ts';
import type { StoredHit, StoredParty, StoredRating, StoredVersion } from './core/types.ts';

export interface PartyVersionView {
  version: number;
  createdAt: number;
  actor: string;
  contentHash: string;
  /** `masked`: C2 fields masked; `clear`: revealed (audited); `erased`: the key is shredded, C2 fields are gone. */
  pii: 'masked' | 'clear' | 'erased';
  data: Record<string, unknown>;
}

export interface RatingView {
  level: StoredRating['level'];
  points: number;
  reasons: StoredRating['reasons'];
  countryList: string;
  partyVersion: number;
  trigger: string;
  listVersions: string[];
  at: number;
}

export interface PartyView {
  id: string;
  kind: StoredParty['kind'];
  externalId: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  erasedAt: number | null;
  current: PartyVersionView;
  rating: RatingView | null;
  screening: { listVersions: string[]; openHits: number; hits: HitView[] };
}

/** One row of the parties list: masked name, risk level and the hits still open. */
export interface PartySummary {
  id: string;
  kind: StoredParty['kind'];
  externalId: string | null;
  version: number;
  updatedAt: number;
  erasedAt: number | null;
  /** The first name, masked (null once erased). */
  name: string | null;
  riskLevel: StoredRating['level'] | null;
  openHits: HitView[];
}

export interface HitView {
  id: string;
  listId: string;
  entryId: string;
  matchedName: string;
  score: number;
  recommendation: 'block' | 'review';
  sanctions: boolean;
  listVersions: string[];
  status: StoredHit['status'];
  partyVersion: number;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
  firstSeenAt: number;
  lastScreenedAt: number;
  /** The matcher's explanation (quotes the customer's name parts): only when revealed. */
  detail?: Hit;
}

export function versionView(v: StoredVersion, c2: C2Part | undefined, reveal: boolean): PartyVersionView {
  const pii = c2 === undefined ? 'erased' : reveal ? 'clear' : 'masked';
  const shown = c2 === undefined ? {} : reveal ? c2 : maskC2(c2);
  return {
    version: v.version,
    createdAt: v.createdAt,
    actor: v.actor,
    contentHash: v.contentHash,
    pii,
    data: { ...v.clear, ...shown },
  };
}

export function ratingView(r: StoredRating | undefined): RatingView | null {
  if (!r) return null;
  return {
    level: r.level,
    points: r.points,
    reasons: r.reasons,
    countryList: r.countryList,
    partyVersion: r.partyVersion,
    trigger: r.trigger,
    listVersions: r.listVersions,
    at: r.at,
  };
}

export function hitView(h: StoredHit, detail?: Hit): HitView {
  const { tenantId: _t, partyId: _p, screenKey: _s, entryFp: _e, sealed: _x, ...rest } = h;
  return detail ? { ...rest, detail } : rest;
}
