/** The public consumer area `/portal/{tenant}`: complaints filed and followed, risk warnings, disclosures. */
export { consumerPortalRoutes, type ConsumerPortalOptions, type PortalTenant } from './routes.ts';
export type { QuestionnaireSource } from './risk.ts';
export { FollowUpCodes } from './followup.ts';
