/** Stored shapes of the parties module. C2 data appears here only sealed (AES-256-GCM text). */
import type { C1Part } from './classes.ts';

export type PartyKind = 'person' | 'organisation';
export type RiskLevel = 'low' | 'medium' | 'high' | 'prohibited';
export const riskLevels: readonly RiskLevel[] = ['low', 'medium', 'high', 'prohibited'];
export const partyKinds: readonly PartyKind[] = ['person', 'organisation'];

export interface StoredParty {
  tenantId: string;
  id: string;
  kind: PartyKind;
  /** The current version (1, 2, …). */
  version: number;
  externalId: string | null;
  riskLevel: RiskLevel | null;
  createdAt: number;
  updatedAt: number;
  /** Set once the party's key is shredded: its C2 data can no longer be read. */
  erasedAt: number | null;
}

export interface StoredVersion {
  tenantId: string;
  partyId: string;
  version: number;
  clear: C1Part;
  /** The C2 part, sealed under the party's key with AAD `tenant|party|version`. */
  sealed: string;
  /** SHA-256 of the clear part and the ciphertext: verifiable after erasure, reveals nothing. */
  contentHash: string;
  /** HMAC (tenant blind-index key) of what screening reads: names, DOB, nationality, gender, IDs. */
  screenKey: string;
  actor: string;
  createdAt: number;
}

/** `confirm_requested`: one reviewer found a blocking hit a true match; a second, an approver, decides. */
export type HitStatus = 'open' | 'confirm_requested' | 'false_positive' | 'confirmed';
export const hitStatuses: readonly HitStatus[] = ['open', 'confirm_requested', 'false_positive', 'confirmed'];
export type HitRecommendation = 'block' | 'review';
export const hitRecommendations: readonly HitRecommendation[] = ['block', 'review'];

export interface StoredHit {
  tenantId: string;
  id: string;
  partyId: string;
  /** The party version first screened into this hit. */
  partyVersion: number;
  screenKey: string;
  listId: string;
  entryId: string;
  /** Fingerprint of what the list entry showed the matcher; a changed entry gives a new hit. */
  entryFp: string;
  /** The listed name that matched (public list data, not the customer's). */
  matchedName: string;
  score: number;
  recommendation: HitRecommendation;
  /** From a sanctions list (not a PEP list). */
  sanctions: boolean;
  listVersions: string[];
  /** The full hit explanation (it quotes the customer's name parts), sealed under the party's key. */
  sealed: string;
  status: HitStatus;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
  firstSeenAt: number;
  lastScreenedAt: number;
}

/** One screening of a party: which stored hits it produced, against which list versions. */
export interface StoredScreen {
  tenantId: string;
  id: string;
  partyId: string;
  partyVersion: number;
  listVersions: string[];
  hitIds: string[];
  at: number;
}

export type RatingFactor =
  | 'sanctions_hit'
  | 'pep_hit'
  | 'list_hit'
  | 'pep'
  | 'country'
  | 'product'
  | 'channel'
  | 'occupation'
  | 'ownership_layers'
  | 'missing_beneficial_owner'
  | 'transactions';
export const ratingFactors: readonly RatingFactor[] = [
  'sanctions_hit',
  'pep_hit',
  'list_hit',
  'pep',
  'country',
  'product',
  'channel',
  'occupation',
  'ownership_layers',
  'missing_beneficial_owner',
  'transactions',
];

export interface RatingReason {
  factor: RatingFactor;
  points: number;
  /** The level this reason alone forces at least. */
  floor?: RiskLevel;
  en: string;
  zh: string;
}

export interface Rating {
  level: RiskLevel;
  points: number;
  reasons: RatingReason[];
  /** The dated country list the country factor used. */
  countryList: string;
}

export interface StoredRating extends Rating {
  tenantId: string;
  id: string;
  partyId: string;
  partyVersion: number;
  /** What caused this rating: create, update, hit decision, owner change. */
  trigger: string;
  /** The list versions of the screen whose hits this rating used. */
  listVersions: string[];
  at: number;
}
