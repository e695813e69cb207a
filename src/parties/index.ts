/** Parties module: KYC records (persons, organisations) with JR/T 0171 PII protection, screening on write and customer risk rating. */
export { createParties, type PartiesModule } from './module.ts';
export { partiesRoutes, type PartiesRoutesOptions } from './routes.ts';
export { PartyService, type PartyServiceDeps } from './service.ts';
export { partyGrants, apiKeyPartyPermissions, type PartyPermission, type PartyActor } from './permissions.ts';
export { partyErrorCodes } from './errors.ts';
export {
  rateParty,
  bands,
  productPoints,
  channelPoints,
  occupationPoints,
  type RatingInput,
  type RatingHit,
} from './core/rating.ts';
export { fatfLists, countryListOn, countryRisk, type CountryRiskList } from './core/country-risk.ts';
export { maskPhone, maskIdNumber, maskCard, maskName, maskC2 } from './core/masking.ts';
export { findC3 } from './core/classes.ts';
export { parseMasterKey, type MasterKey } from './crypto/master-key.ts';
export type * from './core/types.ts';
export type { PartyStore } from './storage/port.ts';
export { PartyInputSchema, PartyUpdateSchema, HitDecisionSchema, type PartyInput } from './schemas.ts';
export type { PartyView, PartyVersionView, HitView, RatingView } from './views.ts';
