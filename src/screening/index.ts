export type {
  DateSpec,
  EntryKind,
  EntryName,
  FactorContribution,
  Hit,
  IdDocument,
  ListEntry,
  MatchMethod,
  NameKind,
  PartMatch,
  ScreenQuery,
} from './core/types.ts';
export { normaliseName, fold, type NormalName, type Script } from './core/normalize.ts';
export { phoneticKey } from './core/phonetic.ts';
export { jaroWinkler } from './core/jaro.ts';
export { countryCode } from './core/countries.ts';
export { parseDob } from './core/dates.ts';
export { buildIndex, type ScreeningIndex } from './core/index-build.ts';
export {
  screen,
  prepareQuery,
  scoreCandidates,
  DEFAULT_THRESHOLD,
  DEFAULT_BLOCK_THRESHOLD,
  type ScreenOptions,
  type Scored,
} from './core/screen.ts';
export { defaultWeights, featureNames, fitLogistic, sigmoid, vector, type Weights } from './core/model.ts';
export { parseOfac } from './lists/ofac.ts';
export { parseUn } from './lists/un.ts';
export { parseGenericCsv, parseGenericJson } from './lists/generic.ts';
export { loadListFile, parseListFiles, parseListSpecs, listFileNames, type ListSpec } from './lists/files.ts';
export type { ListVersion, LoadedList, ListSource } from './lists/version.ts';
export type { ListStore, StoredListVersion, TenantScreeningSetting } from './lists/store.ts';
export { fetchLists, officialListSources, type ListSources, type FetchProgress } from './lists/fetch.ts';
export { ScreeningService, type ScreenResult } from './service.ts';
export { TenantScreeningSettings } from './settings.ts';
export { systemAdminsOf, type SystemAdminCheck } from './system-access.ts';
export { screeningRoutes } from './routes.ts';
export { registerScreenCommands, type ScreenCliContext } from './cli.ts';
export { HitSchema, ScreenBodySchema, ScreenQuerySchema, ScreenResponseSchema, MAX_SCREEN_BATCH } from './schemas.ts';
export { ListRefresher, type RefreshJob, type OnNewVersions } from './refresh.ts';
