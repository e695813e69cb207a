export { createZhili, version, type Zhili } from './app.ts';
export { loadConfig, type Config } from './config.ts';
export { provisionTenant, provisionUser } from './provision.ts';
