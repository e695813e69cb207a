import type { Config } from './config.ts';

export type Source = {
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
  windowSnapshotMs: {
    env: 'ZHILI_WINDOW_SNAPSHOT_MS',
    kind: 'int',
    help: "How often (ms) each tenant's feature windows are written as a snapshot at a commit position; start, a rule set going live and a partition takeover then replay only the decisions after it. 0: never (the whole log is replayed).",
  },
  clusterLeases: {
    env: 'ZHILI_CLUSTER_LEASES',
    kind: 'string',
    help: '`postgres` (leases in the schema) or `nats` (JetStream KV); commits are fenced in PostgreSQL either way.',
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
