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

type Source = {
  env: string;
  kind: 'string' | 'int' | 'bool' | 'boolDefaultTrue';
  /** For docs/configuration.md. */ help: string;
};

/** Where each setting comes from in the environment; the error for a bad value names this variable. */
export const configEnv: Record<keyof Config, Source> = {
  dataDir: {
    env: 'ZHILI_DATA_DIR',
    kind: 'string',
    help: 'Data directory of the embedded store (SQLite file, master key, stored lists).',
  },
  databaseUrl: {
    env: 'ZHILI_DATABASE_URL',
    kind: 'string',
    help: '`postgres://…?schema=…` for the cluster store, or `sqlite:<file>`; unset: `<data dir>/zhili.db`.',
  },
  host: { env: 'ZHILI_HOST', kind: 'string', help: 'Address the HTTP server listens on.' },
  port: { env: 'ZHILI_PORT', kind: 'int', help: 'Port the HTTP server listens on (`PORT` is read too).' },
  fxFile: {
    env: 'ZHILI_FX_FILE',
    kind: 'string',
    help: 'Your dated FX table (JSON) for thresholds in other currencies.',
  },
  lprFile: {
    env: 'ZHILI_LPR_FILE',
    kind: 'string',
    help: 'One-year LPR changes after the shipped table (ends 2025-05-20): one `YYYY-MM-DD,percent` line each.',
  },
  defaultTimeZone: {
    env: 'ZHILI_TIME_ZONE',
    kind: 'string',
    help: 'Time zone of tenants created without one (IANA name).',
  },
  maxCommitBatch: { env: 'ZHILI_MAX_COMMIT_BATCH', kind: 'int', help: 'Most decisions committed in one transaction.' },
  logger: {
    env: 'ZHILI_LOG',
    kind: 'boolDefaultTrue',
    help: 'JSON logs on standard output (pino, personal data redacted); `0` turns them off.',
  },
  targetLatencyMs: {
    env: 'ZHILI_TARGET_LATENCY_MS',
    kind: 'int',
    help: 'Mean time in flight (ms) the node keeps: past half of it, the node holds at most throughput × target events and a tenant above its fair share of them gets 429 (503 when alone); 0 turns it off.',
  },
  maxEventLoopDelayMs: {
    env: 'ZHILI_MAX_EVENT_LOOP_DELAY_MS',
    kind: 'int',
    help: 'Event-loop delay (ms) above which a tenant above its fair share of events in flight is refused (429, or 503 when alone), and past four times which every API request gets 503; 0 turns it off.',
  },
  accessLog: {
    env: 'ZHILI_ACCESS_LOG',
    kind: 'string',
    help: 'Requests logged: `errors` (4xx, 5xx and those slower than 1 s) or `all`.',
  },
  exclusiveWriter: {
    env: 'ZHILI_EXCLUSIVE_WRITER',
    kind: 'boolDefaultTrue',
    help: 'This process is the only one deciding for its tenants (always so for SQLite).',
  },
  ledgerOrigin: {
    env: 'ZHILI_LEDGER_ORIGIN',
    kind: 'string',
    help: "The ledger checkpoints' origin line: names this log to verifiers.",
  },
  ledgerKeySecret: {
    env: 'ZHILI_LEDGER_KEY_SECRET',
    kind: 'string',
    help: 'Extra secret the ledger signing key is wrapped with (besides the master key).',
  },
  ledgerCheckpointMs: {
    env: 'ZHILI_LEDGER_CHECKPOINT_MS',
    kind: 'int',
    help: 'Longest time between signed checkpoints, in milliseconds.',
  },
  hubUrl: {
    env: 'ZHILI_HUB_URL',
    kind: 'string',
    help: 'The supervision hub that witnesses the ledger: each new checkpoint is pushed there and its cosignature kept.',
  },
  hubKey: {
    env: 'ZHILI_HUB_KEY',
    kind: 'string',
    help: "The hub witness's verifier key (`zhili hub key`), pinned: a cosignature by any other key is refused.",
  },
  hubPlatformId: { env: 'ZHILI_HUB_PLATFORM_ID', kind: 'string', help: "This platform's id at the hub." },
  hubPlatformKey: {
    env: 'ZHILI_HUB_PLATFORM_KEY',
    kind: 'string',
    help: 'The key requests to the hub are signed with (`zhili hub keygen`; the hub registers its verifier key).',
  },
  hubPushMs: {
    env: 'ZHILI_HUB_PUSH_MS',
    kind: 'int',
    help: 'How often new checkpoints are pushed to the hub, in milliseconds.',
  },
  hubSyncMs: {
    env: 'ZHILI_HUB_SYNC_MS',
    kind: 'int',
    help: 'How often report copies, disclosures, complaint statistics, incidents and indicators are sent to the hub, in milliseconds.',
  },
  lendingKeyHolderUrl: {
    env: 'ZHILI_LENDING_KEY_HOLDER_URL',
    kind: 'string',
    help: "The multi-lending key holder (OPRF evaluator); set, the platform checks applicants' borrowing at other platforms.",
  },
  lendingKeyHolderKey: {
    env: 'ZHILI_LENDING_KEY_HOLDER_KEY',
    kind: 'string',
    help: "The key holder's OPRF public key (hex), pinned: an evaluation proved under any other key is refused.",
  },
  lendingRegistryUrl: {
    env: 'ZHILI_LENDING_REGISTRY_URL',
    kind: 'string',
    help: 'The multi-lending registry (default: ZHILI_HUB_URL).',
  },
  lendingLoanRefKey: {
    env: 'ZHILI_LENDING_LOAN_REF_KEY',
    kind: 'string',
    help: 'Secret (32+ characters) that turns loan ids into the references the registry sees.',
  },
  lendingSyncMs: {
    env: 'ZHILI_LENDING_SYNC_MS',
    kind: 'int',
    help: 'How often the loan book is pushed to the multi-lending registry, in milliseconds (unset: only when POST /v1/credit/external-sync is called).',
  },
  screeningLists: {
    env: 'ZHILI_SCREENING_LISTS',
    kind: 'string',
    help: 'List files to load besides stored versions: `ofac-sdn=DIR;un-sc=FILE;generic=FILE#listId`.',
  },
  ofacBaseUrl: {
    env: 'ZHILI_OFAC_BASE_URL',
    kind: 'string',
    help: "Where `zhili lists fetch` downloads OFAC's legacy SDN CSV files (a directory URL).",
  },
  unListUrl: {
    env: 'ZHILI_UN_LIST_URL',
    kind: 'string',
    help: 'Where `zhili lists fetch` downloads the UN Security Council consolidated list (XML).',
  },
  systemTenants: {
    env: 'ZHILI_SYSTEM_TENANTS',
    kind: 'string',
    help: 'Tenant ids (comma-separated) whose admins are system administrators (global lists, metrics).',
  },
  backgroundThread: {
    env: 'ZHILI_BACKGROUND_THREAD',
    kind: 'boolDefaultTrue',
    help: 'Run the ledger tailer and the case projector on a background thread.',
  },
  masterKey: {
    env: 'ZHILI_MASTER_KEY',
    kind: 'string',
    help: 'The key-encryption key (32 bytes, hex or base64); unset: `<data dir>/master.key`, or on PostgreSQL one kept in the schema (created by the first node). Same on every node.',
  },
  maxInFlight: {
    env: 'ZHILI_MAX_IN_FLIGHT',
    kind: 'int',
    help: 'Events in progress on this node beyond which POST /v1/events is refused with 503 and Retry-After.',
  },
  maxCommitQueue: {
    env: 'ZHILI_MAX_COMMIT_QUEUE',
    kind: 'int',
    help: 'Decisions being made or waiting for their group commit beyond which any intake (HTTP, batch, ISO 20022) refuses an event with 503.',
  },
  tenantMaxInFlight: {
    env: 'ZHILI_TENANT_MAX_IN_FLIGHT',
    kind: 'int',
    help: 'Events in progress one tenant may hold beyond which it gets 429 and Retry-After (its share of the node).',
  },
  isoOpenTenant: {
    env: 'ZHILI_ISO_OPEN_TENANT',
    kind: 'string',
    help: 'Tenant id whose ISO 20022 (Tazama TMS) routes accept requests without credentials from loopback clients; refused unless ZHILI_HOST is a loopback address.',
  },
  personalAttributes: {
    env: 'ZHILI_PERSONAL_ATTRIBUTES',
    kind: 'string',
    help: 'Event attributes holding personal data (comma-separated), sealed at rest and masked on read; unset: idNumber, phone, email, cardNumber, address and the like (docs/security.md).',
  },
  isoPendingLimit: {
    env: 'ZHILI_ISO_PENDING_LIMIT',
    kind: 'int',
    help: 'ISO 20022 pacs.008 messages waiting for their status, per tenant.',
  },
  pbocInstitutionCode: {
    env: 'ZHILI_PBOC_INSTITUTION_CODE',
    kind: 'string',
    help: 'PBOC reporting institution code (报告机构编码, 14 characters); unset: no PBOC reports.',
  },
  pbocIndustry: { env: 'ZHILI_PBOC_INDUSTRY', kind: 'string', help: 'PBOC file name industry letter: B, S or I.' },
  pbocBranchCode: {
    env: 'ZHILI_PBOC_BRANCH_CODE',
    kind: 'string',
    help: 'Reporting branch code (FINC); default the institution code.',
  },
  pbocAreaCode: {
    env: 'ZHILI_PBOC_AREA_CODE',
    kind: 'string',
    help: 'Where transactions take place (TRCD): alpha-3 country and 6-digit division, e.g. CHN310000.',
  },
  goamlProfile: {
    env: 'ZHILI_GOAML_PROFILE',
    kind: 'string',
    help: 'goAML profile: JSON or `@file` (see docs/reports/goaml.md); validated at start.',
  },
  fincenProfile: {
    env: 'ZHILI_FINCEN_PROFILE',
    kind: 'string',
    help: 'FinCEN filing profile: JSON or `@file` (see docs/reports/fincen.md); validated at start.',
  },
  metricsToken: {
    env: 'ZHILI_METRICS_TOKEN',
    kind: 'string',
    help: 'Bearer token that reads `/metrics` with per-tenant labels (for Prometheus).',
  },
  apiKeyGraceSeconds: {
    env: 'ZHILI_API_KEY_GRACE_SECONDS',
    kind: 'int',
    help: 'How long a rotated API key keeps working beside its successor, in seconds.',
  },
  natsUrl: {
    env: 'ZHILI_NATS_URL',
    kind: 'string',
    help: 'NATS of a cluster (`nats://…`); with a PostgreSQL `ZHILI_DATABASE_URL` this process is one deciding node of it.',
  },
  nodeId: {
    env: 'ZHILI_NODE_ID',
    kind: 'string',
    help: "This node's name in the cluster; unset: host, pid and a random suffix.",
  },
  clusterPartitions: {
    env: 'ZHILI_CLUSTER_PARTITIONS',
    kind: 'int',
    help: 'Partitions customers are hashed to; the same on every node.',
  },
  leaseTtlMs: {
    env: 'ZHILI_LEASE_TTL_MS',
    kind: 'int',
    help: "Partition lease lifetime (ms), renewed every fifth of it: a dead node's partitions move within about this long.",
  },
  clusterLeases: {
    env: 'ZHILI_CLUSTER_LEASES',
    kind: 'string',
    help: '`postgres` (leases in the schema, fenced at commit) or `nats` (JetStream KV).',
  },
  clusterName: {
    env: 'ZHILI_CLUSTER_NAME',
    kind: 'string',
    help: 'NATS subject prefix and KV bucket of this cluster.',
  },
  forwardTimeoutMs: {
    env: 'ZHILI_FORWARD_TIMEOUT_MS',
    kind: 'int',
    help: "How long a node waits for a partition owner's answer before answering 503 with Retry-After (ms).",
  },
};

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
