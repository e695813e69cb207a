import { resolve } from 'node:path';

export interface Config {
  dataDir: string;
  /** postgres://… for the cluster store; unset for the embedded SQLite file. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  fxFile: string | undefined;
  defaultTimeZone: string;
  /** Most decisions committed in one transaction. */
  maxCommitBatch: number;
  logger: boolean;
  /** This process is the only one deciding for its tenants (always so for SQLite). */
  exclusiveWriter: boolean;
  /** The ledger's checkpoint origin line (C2SP tlog-checkpoint): names this log to verifiers. */
  ledgerOrigin: string;
  /** When set, the ledger's signing key is stored encrypted under a key derived from it. */
  ledgerKeySecret: string | undefined;
  ledgerCheckpointMs: number;
  /**
   * Sanctions and PEP lists to load: `ofac-sdn=DIR;un-sc=FILE;generic=FILE#listId`. Unset: the
   * shared test lists when they are beside the checkout (development), otherwise none.
   */
  screeningLists: string | undefined;
  /** Run the ledger tailer and the case projector on a background thread (default) or the main one. */
  backgroundThread: boolean;
}

/** Configuration from flags over environment over defaults. */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dataDir: resolve(overrides.dataDir ?? env.ZHILI_DATA_DIR ?? './data'),
    databaseUrl: overrides.databaseUrl ?? env.ZHILI_DATABASE_URL,
    host: overrides.host ?? env.ZHILI_HOST ?? '127.0.0.1',
    port: overrides.port ?? Number(env.ZHILI_PORT ?? env.PORT ?? 8080),
    fxFile: overrides.fxFile ?? env.ZHILI_FX_FILE,
    defaultTimeZone: overrides.defaultTimeZone ?? env.ZHILI_TIME_ZONE ?? 'Asia/Shanghai',
    maxCommitBatch: overrides.maxCommitBatch ?? Number(env.ZHILI_MAX_COMMIT_BATCH ?? 2000),
    logger: overrides.logger ?? env.ZHILI_LOG === '1',
    exclusiveWriter: overrides.exclusiveWriter ?? env.ZHILI_EXCLUSIVE_WRITER !== '0',
    ledgerOrigin: overrides.ledgerOrigin ?? env.ZHILI_LEDGER_ORIGIN ?? 'zhili.local/audit',
    ledgerKeySecret: overrides.ledgerKeySecret ?? env.ZHILI_LEDGER_KEY_SECRET,
    ledgerCheckpointMs: overrides.ledgerCheckpointMs ?? Number(env.ZHILI_LEDGER_CHECKPOINT_MS ?? 10_000),
    screeningLists: overrides.screeningLists ?? env.ZHILI_SCREENING_LISTS,
    backgroundThread: overrides.backgroundThread ?? env.ZHILI_BACKGROUND_THREAD !== '0',
  };
}
