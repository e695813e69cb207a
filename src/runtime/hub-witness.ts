/**
 * The platform's link to the supervision hub's witness (when ZHILI_HUB_URL is set): the cosignature
 * table beside the ledger's, and the client that pushes checkpoints. All four hub settings or none.
 */
import { postgresDriver, sqliteDriver } from '../store/adapters.ts';
import { sqlCosignatureStore, WitnessClient, type LedgerStore } from '../ledger/adapters.ts';
import type { Clock, Ids } from '../kernel/index.ts';
import { ConfigError, type Config } from './config.ts';
import { sqliteFile } from './stores.ts';

export async function openHubWitness(
  config: Config,
  ledger: LedgerStore,
  clock: Clock,
  ids: Ids,
): Promise<WitnessClient | undefined> {
  const { hubUrl, hubKey, hubPlatformId, hubPlatformKey } = config;
  if (hubUrl === undefined) return undefined;
  if (!hubKey || !hubPlatformId || !hubPlatformKey)
    throw new ConfigError('ZHILI_HUB_URL', 'needs ZHILI_HUB_KEY, ZHILI_HUB_PLATFORM_ID and ZHILI_HUB_PLATFORM_KEY too');
  const url = config.databaseUrl;
  const db =
    url && /^postgres(ql)?:\/\//.test(url)
      ? postgresDriver(url, new URL(url).searchParams.get('schema') ?? 'zhili', 2)
      : sqliteDriver(sqliteFile(config));
  const cosignatures = sqlCosignatureStore(db);
  await cosignatures.migrate();
  return new WitnessClient({
    ledger,
    cosignatures,
    hubUrl,
    hubKey,
    platformId: hubPlatformId,
    platformKey: hubPlatformKey,
    clock,
    nonce: () => ids.secret(18),
    pushMs: config.hubPushMs,
  });
}
