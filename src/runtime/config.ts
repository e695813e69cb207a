import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The whole configuration of a Zhili process: one schema, read once at start from flags over
 * environment over defaults, validated before anything is opened. Modules never read the environment;
 * they receive what they need from here through the composition root (`app.ts`, `stores.ts`).
 */
export const ConfigSchema = Type.Object(
  {
    dataDir: Type.String({ minLength: 1, description: 'data directory of the embedded store' }),
    /** postgres://… for the cluster store; unset for the embedded SQLite file. */
    databaseUrl: Type.Optional(Type.String({ pattern: '^(postgres(ql)?://|sqlite:).+' })),
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    fxFile: Type.Optional(Type.String({ minLength: 1 })),
    defaultTimeZone: Type.String({ minLength: 1 }),
    /** Most decisions committed in one transaction. */
    maxCommitBatch: Type.Integer({ minimum: 1, maximum: 100_000 }),
    logger: Type.Boolean(),
    /** This process is the only one deciding for its tenants (always so for SQLite). */
    exclusiveWriter: Type.Boolean(),
    /** The ledger's checkpoint origin line (C2SP tlog-checkpoint): names this log to verifiers. */
    ledgerOrigin: Type.String({ minLength: 1 }),
    /** When set, the ledger's signing key is stored encrypted under a key derived from it. */
    ledgerKeySecret: Type.Optional(Type.String({ minLength: 1 })),
    ledgerCheckpointMs: Type.Integer({ minimum: 100 }),
    /**
     * List files to load besides the stored versions: `ofac-sdn=DIR;un-sc=FILE;generic=FILE#listId`
     * (a file wins over a stored version of the same list). Unset: only what `zhili lists fetch` stored.
     */
    screeningLists: Type.Optional(Type.String()),
    /** Where `zhili lists fetch` downloads OFAC's legacy SDN CSV files (a directory URL). */
    ofacBaseUrl: Type.String({ pattern: '^https?://.+' }),
    /** Where `zhili lists fetch` downloads the UN Security Council consolidated list (XML). */
    unListUrl: Type.String({ pattern: '^https?://.+' }),
    /** Tenant ids (comma-separated) whose admins are system administrators: they manage the global lists. */
    systemTenants: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_\\-]+(,[A-Za-z0-9_\\-]+)*$' })),
    /** Run the ledger tailer and the case projector on a background thread (default) or the main one. */
    backgroundThread: Type.Boolean(),
    /** The key-encryption key (32 bytes, hex or base64); unset: `<dataDir>/master.key`. */
    masterKey: Type.Optional(Type.String({ minLength: 1 })),
    /** ISO 20022 pacs.008 messages waiting for their status, per tenant; past it: 429 ZHILI_E_ISO_PENDING_FULL. */
    isoPendingLimit: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;

type Source = { env: string; kind: 'string' | 'int' | 'bool' | 'boolDefaultTrue' };

/** Where each setting comes from in the environment; the error for a bad value names this variable. */
export const configEnv: Record<keyof Config, Source> = {
  dataDir: { env: 'ZHILI_DATA_DIR', kind: 'string' },
  databaseUrl: { env: 'ZHILI_DATABASE_URL', kind: 'string' },
  host: { env: 'ZHILI_HOST', kind: 'string' },
  port: { env: 'ZHILI_PORT', kind: 'int' },
  fxFile: { env: 'ZHILI_FX_FILE', kind: 'string' },
  defaultTimeZone: { env: 'ZHILI_TIME_ZONE', kind: 'string' },
  maxCommitBatch: { env: 'ZHILI_MAX_COMMIT_BATCH', kind: 'int' },
  logger: { env: 'ZHILI_LOG', kind: 'bool' },
  exclusiveWriter: { env: 'ZHILI_EXCLUSIVE_WRITER', kind: 'boolDefaultTrue' },
  ledgerOrigin: { env: 'ZHILI_LEDGER_ORIGIN', kind: 'string' },
  ledgerKeySecret: { env: 'ZHILI_LEDGER_KEY_SECRET', kind: 'string' },
  ledgerCheckpointMs: { env: 'ZHILI_LEDGER_CHECKPOINT_MS', kind: 'int' },
  screeningLists: { env: 'ZHILI_SCREENING_LISTS', kind: 'string' },
  ofacBaseUrl: { env: 'ZHILI_OFAC_BASE_URL', kind: 'string' },
  unListUrl: { env: 'ZHILI_UN_LIST_URL', kind: 'string' },
  systemTenants: { env: 'ZHILI_SYSTEM_TENANTS', kind: 'string' },
  backgroundThread: { env: 'ZHILI_BACKGROUND_THREAD', kind: 'boolDefaultTrue' },
  masterKey: { env: 'ZHILI_MASTER_KEY', kind: 'string' },
  isoPendingLimit: { env: 'ZHILI_ISO_PENDING_LIMIT', kind: 'int' },
};

const defaults: Partial<Config> = {
  dataDir: './data',
  host: '127.0.0.1',
  port: 8080,
  defaultTimeZone: 'Asia/Shanghai',
  maxCommitBatch: 2000,
  logger: false,
  exclusiveWriter: true,
  ledgerOrigin: 'zhili.local/audit',
  ledgerCheckpointMs: 10_000,
  ofacBaseUrl: 'https://www.treasury.gov/ofac/downloads/',
  unListUrl: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
  backgroundThread: true,
  isoPendingLimit: 10_000,
};

/** A setting that does not fit the schema; `variable` names where it came from. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
    options?: ErrorOptions,
  ) {
    super(`${variable}: ${problem} · 配置项 ${variable} 无效：${problem}`, options);
    this.name = 'ConfigError';
  }
}

function fromEnv(key: keyof Config, raw: string): unknown {
  const { kind, env } = configEnv[key];
  switch (kind) {
    case 'string':
      return raw;
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(env, `"${raw}" is not an integer`);
      return Number(raw);
    }
    case 'bool':
      return raw === '1' || raw === 'true';
    case 'boolDefaultTrue':
      return !(raw === '0' || raw === 'false');
  }
}

/** Configuration from flags (overrides) over environment over defaults, validated against the schema. */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(configEnv) as (keyof Config)[]) {
    const v = env[configEnv[key].env];
    if (v !== undefined && v !== '') raw[key] = fromEnv(key, v);
  }
  // PORT is what most hosting platforms set.
  if (env.ZHILI_PORT === undefined && env.PORT) raw.port = fromEnv('port', env.PORT);
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) raw[k] = v;
  raw.dataDir = resolve(String(raw.dataDir));
  if (Value.Check(ConfigSchema, raw)) return raw;
  const first = Value.Errors(ConfigSchema, raw).First();
  const key = first?.path.split('/')[1] ?? '';
  const variable = key in configEnv ? configEnv[key as keyof Config].env : key || 'configuration';
  throw new ConfigError(variable, first?.message ?? 'invalid');
}
