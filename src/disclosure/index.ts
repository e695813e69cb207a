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
