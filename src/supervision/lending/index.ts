/**
 * The private multi-lending check: platforms register outstanding loans and ask an applicant's totals
 * across platforms under OPRF tokens (RFC 9497 VOPRF, ristretto255-SHA512), with a key holder and a
 * registry that are separate services. Threat model: docs/decisions/0006-private-multi-lending.md.
 * SQL stores are in `adapters.ts` (composition root only).
 */
export { normaliseIdNumber, identityInput } from './core/identity.ts';
export {
  blindInput,
  blindedDigest,
  bytesToHex,
  deriveKeyPair,
  evaluateBatch,
  finalizeBatch,
  hexToBytes,
  isElement,
  keyInfo,
  suiteName,
  tokenDigest,
  tokenOf,
  type Blinded,
  type KeyPair,
} from './core/oprf.ts';
export {
  defaultQuotas,
  isFresh,
  secondsToWindowEnd,
  totalsFor,
  windowStart,
  type Quota,
  type TokenBalance,
  type Totals,
} from './core/policy.ts';
export { KeyHolder, type KeyHolderOptions } from './key-holder.ts';
export { Registry, type RegistryOptions } from './registry.ts';
export { multiLendingRoutes, type MultiLendingRoutesOptions } from './routes.ts';
export { MultiLendingClient, type MultiLendingClientOptions, type LoanReport, type CheckResult } from './client.ts';
export { defaultFreshnessMs } from './request-meta.ts';
export { ExternalCreditCache } from './credit-cache.ts';
export type {
  Admission,
  AuditFilter,
  EvaluationRecord,
  KeyHolderStore,
  LoanOutcome,
  LoanUpdate,
  Purpose,
  QueryRecord,
  RegistryStore,
} from './store.ts';
export * from './schemas.ts';
