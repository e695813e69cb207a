export { registerBacktestCommand } from './cli.ts';
export { runBacktest, readPack, compilePack, type BacktestRequest } from './run.ts';
export { replay, type ReplayResult, type ReplayOptions, type AccountTally } from './runner.ts';
export { loadEvents, type LoadedEvents } from './load.ts';
export { buildReport, type BacktestReport, type RuleRow, type TypologyRow } from './report.ts';
export { prf, prfOfSets, rocAuc, rocCurve, type Prf, type Scored } from './metrics.ts';
export { formatReport } from './table.ts';
export { reportHtml } from './html.ts';
export { subjectOf, subjectAccounts, accountOf, type Subject } from './subjects.ts';
