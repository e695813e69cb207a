export { createZhili, version, type Zhili } from './app.ts';
export { loadConfig, type Config } from './config.ts';
export { provisionTenant, provisionUser } from './provision.ts';
export { ConfigSchema, ConfigError, configEnv } from './config.ts';
export { openStores, type Stores } from './stores.ts';
export { openCliStores, ledgerAuditOn, ledgerMasterKey } from './cli-context.ts';
export { listSpecsOf, listSourcesOf, systemAdminOf } from './screening-config.ts';
export { reportingProfilesOf, type ReportingProfiles } from './reporting-profiles.ts';
export { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
