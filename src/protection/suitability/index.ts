/** Investor suitability: risk questionnaire (C1–C5), products (R1–R5), matching in decisions, recommendation, education. */
export { createSuitability, type SuitabilityModule } from './module.ts';
export { suitabilityRoutes, type SuitabilityRoutesOptions } from './routes.ts';
export { registerSuitabilityCommands, type SuitabilityCliDeps } from './cli.ts';
export { SuitabilityService } from './service.ts';
export { SuitabilityAdvice } from './advice.ts';
export { suitabilityActor, suitabilityGrants, selfActor, type SuitabilityActor } from './permissions.ts';
export { SuitabilitySelf } from './self.ts';
export { checkPurchase, riskWarning, inCoolingOff, defaultMismatch, type Verdict } from './core/matching.ts';
export { scoreAnswers, checkQuestionnaire, expiryOf } from './core/scoring.ts';
export { recommend, type Recommendation } from './core/recommend.ts';
export { defaultQuestionnaire } from './data/questionnaire-cn.ts';
export { defaultLessons, lessonsFor, type Lesson } from './data/lessons.ts';
export { defaultSuitabilitySettings, type SuitabilitySettings } from './settings.ts';
export type * from './core/types.ts';
export type { SuitabilityStore } from './storage/port.ts';
