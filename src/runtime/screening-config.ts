/** The screening part of the configuration, read into what the screening module takes. */
import {
  parseListSpecs,
  systemAdminsOf,
  type ListSources,
  type ListSpec,
  type SystemAdminCheck,
} from '../screening/index.ts';
import { ConfigError, type Config } from './config.ts';

/** ZHILI_SCREENING_LISTS as list specs; a bad item is a configuration error naming the variable. */
export function listSpecsOf(config: Pick<Config, 'screeningLists'>): ListSpec[] {
  try {
    return parseListSpecs(config.screeningLists ?? '');
  } catch (e) {
    throw new ConfigError('ZHILI_SCREENING_LISTS', e instanceof Error ? e.message : String(e), { cause: e });
  }
}

export const listSourcesOf = (config: Pick<Config, 'ofacBaseUrl' | 'unListUrl'>): ListSources => ({
  ofacBaseUrl: config.ofacBaseUrl,
  unUrl: config.unListUrl,
});

export const systemAdminOf = (config: Pick<Config, 'systemTenants'>): SystemAdminCheck =>
  systemAdminsOf((config.systemTenants ?? '').split(',').filter(Boolean));
