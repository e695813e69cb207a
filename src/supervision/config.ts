/**
 * The hub process's configuration: flags over environment over defaults, checked against one schema
 * before anything is opened. The hub has its own database (never the platform's).
 */
import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { defaultThresholds, ThresholdsSchema } from './core/flags.ts';

export const HubConfigSchema = Type.Object({
  hubDir: Type.String({ minLength: 1 }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://.+' })),
  host: Type.String({ minLength: 1 }),
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  /** PRIVATE+KEY+<name>+… cosigner key; unset: `<hubDir>/witness.key`, created on first start. */
  witnessKey: Type.Optional(Type.String({ minLength: 1 })),
  witnessName: Type.String({ minLength: 1, pattern: '^[^\\s+]+$' }),
  staleAfterMs: Type.Integer({ minimum: 1000 }),
  staleCheckMs: Type.Integer({ minimum: 100 }),
  logger: Type.Boolean(),
  /** Early-warning thresholds: ZHILI_HUB_THRESHOLDS (JSON, any subset) over the documented defaults. */
  thresholds: ThresholdsSchema,
  /** The hub's own audit ledger: its checkpoint origin (also its signing key's name). */
  ledgerOrigin: Type.String({ minLength: 1, pattern: '^[^\\s+]+$' }),
  /** The ledger signing key is stored wrapped under a key derived from this; unset: `<hubDir>/ledger.secret`. */
  ledgerKeySecret: Type.Optional(Type.String({ minLength: 16 })),
  /**
   * Reverse proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For is believed for the
   * client address (sign-in throttling, audit); empty: the socket's address, whatever the header says.
   */
  trustedProxies: Type.Array(Type.String({ minLength: 1 })),
});
export type HubConfig = Static<typeof HubConfigSchema>;

const env: Record<keyof HubConfig, [string, 'string' | 'int' | 'bool' | 'json' | 'list']> = {
  hubDir: ['ZHILI_HUB_DIR', 'string'],
  databaseUrl: ['ZHILI_HUB_DATABASE_URL', 'string'],
  host: ['ZHILI_HUB_HOST', 'string'],
  port: ['ZHILI_HUB_PORT', 'int'],
  witnessKey: ['ZHILI_HUB_WITNESS_KEY', 'string'],
  witnessName: ['ZHILI_HUB_WITNESS_NAME', 'string'],
  staleAfterMs: ['ZHILI_HUB_STALE_AFTER_MS', 'int'],
  staleCheckMs: ['ZHILI_HUB_STALE_CHECK_MS', 'int'],
  logger: ['ZHILI_HUB_LOG', 'bool'],
  thresholds: ['ZHILI_HUB_THRESHOLDS', 'json'],
  ledgerOrigin: ['ZHILI_HUB_LEDGER_ORIGIN', 'string'],
  ledgerKeySecret: ['ZHILI_HUB_LEDGER_KEY_SECRET', 'string'],
  trustedProxies: ['ZHILI_HUB_TRUSTED_PROXIES', 'list'],
};

export const hubConfigEnv = env;

const defaults: Partial<HubConfig> = {
  hubDir: './hub-data',
  host: '127.0.0.1',
  port: 8090,
  witnessName: 'zhili-hub.local/witness',
  staleAfterMs: 3_600_000,
  staleCheckMs: 60_000,
  logger: false,
  ledgerOrigin: 'zhili-hub.local/audit',
  trustedProxies: [],
};

/** `e` is the environment, given by the composition root (the CLI). */
export function loadHubConfig(
  overrides: Partial<HubConfig>,
  e: Readonly<Record<string, string | undefined>>,
): HubConfig {
  const raw: Record<string, unknown> = { ...defaults, thresholds: { ...defaultThresholds } };
  for (const [key, [name, kind]] of Object.entries(env)) {
    const v = e[name];
    if (v === undefined || v === '') continue;
    raw[key] =
      kind === 'json'
        ? { ...defaultThresholds, ...jsonObject(name, v) }
        : kind === 'int'
          ? /^\d+$/.test(v)
            ? Number(v)
            : v
          : kind === 'bool'
            ? v === '1' || v === 'true'
            : kind === 'list'
              ? v
                  .split(',')
                  .map((x) => x.trim())
                  .filter((x) => x !== '')
              : v;
  }
  for (const [k, v] of Object.entries(overrides))
    if (v !== undefined) raw[k] = k === 'thresholds' ? { ...(raw.thresholds as object), ...(v as object) } : v;
  raw.hubDir = resolve(String(raw.hubDir));
  if (Value.Check(HubConfigSchema, raw)) return raw;
  const first = Value.Errors(HubConfigSchema, raw).First();
  const key = (first?.path.split('/')[1] ?? '') as keyof HubConfig;
  const name = env[key]?.[0] ?? 'hub configuration';
  throw new Error(`${name}: ${first?.message ?? 'invalid'} · 监管枢纽配置项 ${name} 无效`);
}

function jsonObject(name: string, text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error(`${name}: not a JSON object · 监管枢纽配置项 ${name} 不是 JSON 对象`);
  return v as Record<string, unknown>;
}
