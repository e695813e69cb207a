import type { Command } from 'commander';
import { loadConfig, type Config } from '../runtime/index.ts';

export function configFrom(cmd: Command, extra: Partial<Config> = {}): Config {
  const g = cmd.optsWithGlobals<{ dataDir?: string; databaseUrl?: string }>();
  return loadConfig({
    ...(g.dataDir ? { dataDir: g.dataDir } : {}),
    ...(g.databaseUrl ? { databaseUrl: g.databaseUrl } : {}),
    ...extra,
  });
}
