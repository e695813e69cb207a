/**
 * The public consumer area `/portal/{tenant}`: complaints filed and followed, risk warnings, disclosures,
 * and the signed-in consumer's own suitability (one-time sign-in codes issued by the platform).
 */
export { consumerPortalRoutes, type ConsumerPortalOptions, type PortalTenant } from './routes.ts';
export type { QuestionnaireSource } from './risk.ts';
export { FollowUpCodes } from './followup.ts';
export { portalApiRoutes, signInCodeRoles, type PortalApiOptions } from './api-routes.ts';
export { ConsumerIdentity, defaultIdentityPolicy, type IdentityPolicy, type ConsumerSession } from './identity.ts';
