/**
 * The hub's adapters, for the composition root (the `zhili hub` commands) and adapter tests only.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCosignerKey, parseCosignerKey, type Cosigner } from '../ledger/index.ts';
import { openPostgresLedgerStore, openSqliteLedgerStore } from '../ledger/adapters.ts';
import { postgresDriverOn, postgresPool, sqliteDriver } from '../store/adapters.ts';
import { sqlHubStore } from './store/sql.ts';
import type { HubStore } from './store/port.ts';

/**
 * PostgreSQL when `databaseUrl` is postgres://… (schema from `?schema=`, default `zhili_hub`), else
 * `<hubDir>/hub.db`; the hub's ledger tables in the same database (one pool, or a second connection to
 * the same SQLite file as the platform does), so an action and its ledger outbox row commit together.
 */
export function openHubStore(loc: { hubDir: string; databaseUrl?: string | undefined }): HubStore {
  const url = loc.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const schema = new URL(url).searchParams.get('schema') ?? 'zhili_hub';
    const pool = postgresPool(url, schema, 6);
    return sqlHubStore(postgresDriverOn(pool, schema, { ownsPool: true }), openPostgresLedgerStore(pool, { schema }));
  }
  const file = join(loc.hubDir, 'hub.db');
  const driver = sqliteDriver(file);
  return sqlHubStore(driver, openSqliteLedgerStore(file));
}

/** The multi-lending stores (each role on its own database; the hub serves the registry). */
export { openKeyHolderStore, openRegistryStore } from './lending/adapters.ts';

/**
 * The witness's cosigning key: the configured one (ZHILI_HUB_WITNESS_KEY), else `<hubDir>/witness.key`,
 * created (0600) on first start. Platforms pin its verifier key (ZHILI_HUB_KEY).
 */
export function loadWitnessKey(c: { hubDir: string; witnessKey?: string | undefined; witnessName: string }): Cosigner {
  const parse = (text: string, where: string): Cosigner => {
    const p = parseCosignerKey(text.trim());
    if (!p.ok) throw new Error(`${where}: not a witness key (${p.reason})`);
    return p.cosigner;
  };
  if (c.witnessKey) return parse(c.witnessKey, 'ZHILI_HUB_WITNESS_KEY');
  const file = join(c.hubDir, 'witness.key');
  if (existsSync(file)) return parse(readFileSync(file, 'utf8'), file);
  mkdirSync(c.hubDir, { recursive: true, mode: 0o700 });
  const cosigner: Cosigner = { name: c.witnessName, privateKey: generateKeyPairSync('ed25519').privateKey };
  writeFileSync(file, `${formatCosignerKey(cosigner)}\n`, { mode: 0o600, flag: 'wx' });
  return cosigner;
}

/**
 * The secret the hub ledger's signing key is wrapped under: the configured one
 * (ZHILI_HUB_LEDGER_KEY_SECRET; give it to every hub node sharing a PostgreSQL database), else
 * `<hubDir>/ledger.secret`, created (0600) on first start.
 */
export function loadLedgerSecret(c: { hubDir: string; ledgerKeySecret?: string | undefined }): string {
  if (c.ledgerKeySecret) return c.ledgerKeySecret;
  const file = join(c.hubDir, 'ledger.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(c.hubDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
