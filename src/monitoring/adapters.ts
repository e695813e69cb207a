/** The monitoring module's storage adapters, for the composition root (`src/runtime/`) and adapter tests only. */
export { SqlIsoIntake, isoIntakeTables, type IsoIntakeTables } from './iso20022/intake-sql.ts';
