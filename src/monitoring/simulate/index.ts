export { registerSimulateCommand } from './cli.ts';
export { simulate, labelsFileFor, type SimulateOptions, type SimulateSummary } from './generate.ts';
export { patternKinds, type PatternKind } from './patterns.ts';
