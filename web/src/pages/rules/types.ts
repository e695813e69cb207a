// Rule-set, backtest and CEL-check shapes from the generated client types (schema.d.ts); the backtest
// report itself is typed from the server's own report type (type-only import, erased at build).
import type { paths } from '../../api/schema.d.ts';
export type { BacktestReport } from '../../../../src/monitoring/backtest/report.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type RuleSetView = Json<paths['/v1/rulesets']['get']['responses'][200]>[number];
export type RuleSetDetail = Json<paths['/v1/rulesets/{version}']['get']['responses'][200]>;
export type BacktestJob = Json<paths['/v1/backtests/{id}']['get']['responses'][200]>;
export type CelCheck = Json<paths['/v1/cel:check']['post']['responses'][200]>;

/** The parts of a rule set document the console reads (the server validates the whole). */
export interface RuleSetDoc {
  version?: string;
  rules?: { id: string; name?: string; nameZh?: string; expression: string }[];
  [k: string]: unknown;
}
