import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { configEnv } from './config-env.ts';

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
    /** One-year LPR changes after the shipped table (`YYYY-MM-DD,percent` per line). */
    lprFile: Type.Optional(Type.String({ minLength: 1 })),
    defaultTimeZone: Type.String({ minLength: 1 }),
    /** Most decisions committed in one transaction. */
    maxCommitBatch: Type.Integer({ minimum: 1, maximum: 100_000 }),
    logger: Type.Boolean(),
    /** Time in flight (ms) past which the heaviest tenants' new events are refused; 0: off. */
    targetLatencyMs: Type.Integer({ minimum: 0 }),
    /** Event-loop delay (ms) above which API requests are refused with 503; 0: off. */
    maxEventLoopDelayMs: Type.Integer({ minimum: 0 }),
    /** Which requests are logged: every one, or only refused, failed and slow ones. */
    accessLog: Type.Union([Type.Literal('all'), Type.Literal('errors')]),
    /** This process is the only one deciding for its tenants (always so for SQLite). */
    exclusiveWriter: Type.Boolean(),
    /** The ledger's checkpoint origin line (C2SP tlog-checkpoint): names this log to verifiers. */
    ledgerOrigin: Type.String({ minLength: 1 }),
    /** When set, the ledger's signing key is stored encrypted under a key derived from it. */
    ledgerKeySecret: Type.Optional(Type.String({ minLength: 1 })),
    ledgerCheckpointMs: Type.Integer({ minimum: 100 }),
    /** The supervision hub this platform's ledger checkpoints are witnessed by (unset: none). */
    hubUrl: Type.Optional(Type.String({ pattern: '^https?://.+' })),
    /** The hub witness's cosignature/v1 verifier key, pinned here. */
    hubKey: Type.Optional(Type.String({ minLength: 1 })),
    /** This platform's id at the hub and the key its requests to the hub are signed with. */
    hubPlatformId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,128}$' })),
    hubPlatformKey: Type.Optional(Type.String({ pattern: '^PRIVATE\\+KEY\\+.+' })),
    hubPushMs: Type.Integer({ minimum: 100 }),
    /** How often filings and indicators are sent to the hub (ZHILI_HUB_URL set). */
    hubSyncMs: Type.Integer({ minimum: 100 }),
    /** The multi-lending key holder (OPRF evaluator); set: the hub check runs (docs/decisions/0006). */
    lendingKeyHolderUrl: Type.Optional(Type.String({ pattern: '^https?://.+' })),
    /** The key holder's OPRF public key (hex), pinned. */
    lendingKeyHolderKey: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
    /** The multi-lending registry; unset: the hub URL. */
    lendingRegistryUrl: Type.Optional(Type.String({ pattern: '^https?://.+' })),
    /** Secret that turns loan ids into the registry's loan references (at least 32 characters). */
    lendingLoanRefKey: Type.Optional(Type.String({ minLength: 32 })),
    /** How often the loan book is pushed to the registry (ms); unset: only on POST /v1/credit/external-sync. */
    lendingSyncMs: Type.Optional(Type.Integer({ minimum: 100 })),
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
    /** Event attribute names whose values are personal data (comma-separated): sealed at rest, masked on read. */
    personalAttributes: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$' })),
    /** Events in progress on this node (decided, not yet durable) beyond which POST /v1/events answers 503. */
    maxInFlight: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    /** Events in progress one tenant may hold beyond which it gets 429: its fair share of the node. */
    tenantMaxInFlight: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    /** Decisions being made or waiting for their group commit beyond which an event is refused (503). */
    maxCommitQueue: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    /**
     * A tenant whose ISO 20022 intake (the Tazama TMS routes) takes requests without credentials from
     * this machine only; allowed only when the server listens on loopback.
     */
    isoOpenTenant: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_\\-]{1,64}$' })),
    /** ISO 20022 pacs.008 messages waiting for their status, per tenant; past it: 429 ZHILI_E_ISO_PENDING_FULL. */
    isoPendingLimit: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    /** PBOC reporting identity (one per deployment): 报告机构编码, industry letter, branch (FINC), area (TRCD). */
    pbocInstitutionCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{14}$' })),
    pbocIndustry: Type.Optional(Type.Union([Type.Literal('B'), Type.Literal('S'), Type.Literal('I')])),
    pbocBranchCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    pbocAreaCode: Type.Optional(Type.String({ pattern: '^[A-Z]{3}\\d{6}$' })),
    /** goAML and FinCEN filing profiles: JSON, or `@/path/to/profile.json`; checked against their schemas at start. */
    goamlProfile: Type.Optional(Type.String({ minLength: 1 })),
    fincenProfile: Type.Optional(Type.String({ minLength: 1 })),
    /** Bearer token that reads /metrics with per-tenant labels (a system credential, for Prometheus). */
    metricsToken: Type.Optional(Type.String({ minLength: 16 })),
    /** How long a rotated API key keeps working beside its successor, in seconds. */
    apiKeyGraceSeconds: Type.Integer({ minimum: 0, maximum: 30 * 86_400 }),
    /** NATS (JetStream) of a cluster; set with a PostgreSQL database: this process is one node of it. */
    natsUrl: Type.Optional(Type.String({ pattern: '^(nats|tls)://.+' })),
    /** This node's name in the cluster (leases, logs); unset: host name, process id and a random suffix. */
    nodeId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
    /** Partitions the customers are hashed to (the same on every node of a cluster). */
    clusterPartitions: Type.Integer({ minimum: 1, maximum: 4096 }),
    /** Partition lease lifetime (ms): a dead node's partitions are served again after about this long. */
    leaseTtlMs: Type.Integer({ minimum: 500, maximum: 600_000 }),
    /** How often each tenant's feature windows are snapshotted (ms; 0: never): restores replay only the log after it. */
    windowSnapshotMs: Type.Integer({ minimum: 0, maximum: 86_400_000 }),
    /** Where the leases live: the cluster's PostgreSQL schema (fenced at commit) or NATS KV. */
    clusterLeases: Type.Union([Type.Literal('postgres'), Type.Literal('nats')]),
    /** NATS subject prefix and KV bucket name of this cluster (several clusters may share one NATS). */
    clusterName: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
    /** How long a node waits for a partition owner's answer before answering 503 (ms). */
    forwardTimeoutMs: Type.Integer({ minimum: 50, maximum: 60_000 }),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;

export const configDefaults: Partial<Config> = {
  dataDir: './data',
  host: '127.0.0.1',
  port: 8080,
  defaultTimeZone: 'Asia/Shanghai',
  maxCommitBatch: 2000,
  maxInFlight: 8192,
  tenantMaxInFlight: 4096,
  maxCommitQueue: 16_384,
  logger: true,
  accessLog: 'errors',
  maxEventLoopDelayMs: 200,
  targetLatencyMs: 50,
  exclusiveWriter: true,
  ledgerOrigin: 'zhili.local/audit',
  ledgerCheckpointMs: 10_000,
  hubPushMs: 2000,
  hubSyncMs: 300_000,
  ofacBaseUrl: 'https://www.treasury.gov/ofac/downloads/',
  unListUrl: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
  backgroundThread: true,
  isoPendingLimit: 10_000,
  apiKeyGraceSeconds: 86_400,
  clusterPartitions: 64,
  leaseTtlMs: 5000,
  windowSnapshotMs: 600_000,
  clusterLeases: 'postgres',
  clusterName: 'zhili',
  forwardTimeoutMs: 2000,
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
  const raw: Record<string, unknown> = { ...configDefaults };
  for (const key of Object.keys(configEnv) as (keyof Config)[]) {
    const v = env[configEnv[key].env];
    if (v !== undefined && v !== '') raw[key] = fromEnv(key, v);
  }
  // PORT is what most hosting platforms set.
  if (env.ZHILI_PORT === undefined && env.PORT) raw.port = fromEnv('port', env.PORT);
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) raw[k] = v;
  raw.dataDir = resolve(String(raw.dataDir));
  if (Value.Check(ConfigSchema, raw)) {
    // Intake without credentials exists only for a test client on this machine, never on a network.
    if (raw.isoOpenTenant !== undefined && !isLoopback(String(raw.host)))
      throw new ConfigError(
        'ZHILI_ISO_OPEN_TENANT',
        `needs ZHILI_HOST to be a loopback address, not ${String(raw.host)}`,
      );
    return raw;
  }
  const first = Value.Errors(ConfigSchema, raw).First();
  const key = first?.path.split('/')[1] ?? '';
  const variable = key in configEnv ? configEnv[key as keyof Config].env : key || 'configuration';
  throw new ConfigError(variable, first?.message ?? 'invalid');
}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine reaches. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
