/** Disclosure: the platform's monthly operating data (T/NIFA 1—2017), published with four eyes on the audit ledger. */
export {
  operatingFigures,
  OVERDUE_90,
  type AmountCount,
  type ComplaintFacts,
  type CurrencyFigures,
  type FiguresInput,
  type LoanFact,
  type OperatingFigures,
  type PayoutFact,
} from './core/figures.ts';
export { figureDefinitions, definitionOf, standard, type FigureDefinition } from './core/definitions.ts';
export {
  DisclosureDocumentSchema,
  CurrencySectionSchema,
  toDocument,
  canonicalOf,
  hashOf,
  type DisclosureDocument,
} from './core/document.ts';
export { diffDocuments, type FieldChange } from './core/diff.ts';
export {
  step,
  monthRange,
  disclosureStates,
  disclosureActions,
  type Disclosure,
  type DisclosureState,
  type DisclosureAction,
  type StepError,
} from './core/workflow.ts';
export { LoanFacts } from './core/loan-facts.ts';
export type { DisclosureStore, DisclosureAudit, DisclosureOutbox } from './storage/port.ts';
export { DisclosureService, type DisclosureServiceDeps } from './service.ts';
export { createDisclosure, eventReader, type DisclosureModule, type EventContext } from './module.ts';
export { disclosureRoutes, type DisclosureRoutesOptions } from './routes.ts';
export { disclosurePortalRoutes, slugOf, type DisclosurePortalOptions, type PortalTenant } from './portal.ts';
export { platformSources, type DisclosureSources } from './sources.ts';
export { verifyDisclosure, type Verification, type DisclosureLedger } from './verify.ts';
export { disclosureActor, disclosureGrants, type DisclosureActor, type DisclosurePermission } from './permissions.ts';
export { disclosurePdf } from './pdf.ts';
export { registerDisclosureCommands, type DisclosureCliDeps } from './cli.ts';
