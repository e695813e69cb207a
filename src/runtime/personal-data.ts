import { defaultPersonalAttributes } from '../store/index.ts';
import { loadMasterKey } from '../parties/adapters.ts';
import type { Config } from './config.ts';
import type { StoreOptions } from './stores.ts';

/** How every process of one deployment seals events' personal data: the shared master key, the configured attributes. */
export function personalDataOf(config: Config, now: () => number): NonNullable<StoreOptions['personal']> {
  const master = loadMasterKey({ configured: config.masterKey, dataDir: config.dataDir });
  const attributes = config.personalAttributes?.split(',') ?? defaultPersonalAttributes;
  return { master, attributes, now };
}
