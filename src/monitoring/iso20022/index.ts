export { iso20022Routes } from './routes.ts';
export { IsoIntakeMemory } from './intake-memory.ts';
export type { Evaluation, IsoIntake, IsoIntakeLimits, PendingEntry } from './intake.ts';
export { tazamaReport, networkMap, type TypologyResult, type RuleResult } from './report.ts';
export { pendingFromPacs008, transferEvent, type PendingTransfer, type DataCache } from './map.ts';
export { toZhiliId, entityKey, accountKey } from './ids.ts';
export { Pacs008Schema, Pacs002Schema, type Pacs008, type Pacs002 } from './schemas.ts';
