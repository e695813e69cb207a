import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { systemClock, systemIds, ZhiliError } from '../../src/kernel/index.ts';
import { openKeyHolderStore, openRegistryStore } from '../../src/supervision/lending/adapters.ts';
import {
  deriveKeyPair,
  KeyHolder,
  multiLendingRoutes,
  Registry,
  type Quota,
} from '../../src/supervision/lending/index.ts';
import type { SqlDriver } from '../../src/store/index.ts';

/** Until the hub's signed requests exist: a header names the platform, known platforms only. */
const known = new Set(['p1', 'p2', 'p3', 'p4', 'p5']);
export const authenticatePlatform = async (req: FastifyRequest): Promise<{ platformId: string }> => {
  const p = req.headers['x-test-platform'];
  if (typeof p !== 'string' || !known.has(p)) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
  return { platformId: p };
};
const authenticateSupervisor = async (req: FastifyRequest): Promise<{ supervisorId: string }> => {
  if (req.headers['x-test-supervisor'] !== 'sup1') throw new ZhiliError('ZHILI_E_FORBIDDEN');
  return { supervisorId: 'sup1' };
};

export interface LendingServers {
  keyHolderUrl: string;
  registryUrl: string;
  publicKey: string;
  keyHolderFile: string;
  registryFile: string;
  close(): Promise<void>;
}

/**
 * The key holder and the registry as two servers on two SQLite files, as deployed: neither process
 * has the other's store or key.
 */
export async function startLendingServers(
  opts: { quotas?: readonly Quota[]; seed?: Uint8Array; logger?: boolean } = {},
): Promise<LendingServers> {
  const dir = mkdtempSync(join(tmpdir(), 'zhili-lending-'));
  const keyHolderFile = join(dir, 'key-holder.db');
  const registryFile = join(dir, 'registry.db');
  const drivers: SqlDriver[] = [];
  const apps: FastifyInstance[] = [];
  const serve = async (register: (app: FastifyInstance) => Promise<void>): Promise<string> => {
    const app = Fastify({ logger: opts.logger ?? false }).withTypeProvider<TypeBoxTypeProvider>();
    await register(app);
    apps.push(app);
    return app.listen({ port: 0, host: '127.0.0.1' });
  };

  const { store: khStore, driver: khDriver } = await openKeyHolderStore({ dir });
  drivers.push(khDriver);
  const keys = deriveKeyPair(opts.seed ?? new Uint8Array(32).fill(7));
  const keyHolder = new KeyHolder({
    store: khStore,
    keys,
    clock: systemClock,
    ids: systemIds(),
    ...(opts.quotas ? { quotas: opts.quotas } : {}),
  });
  const keyHolderUrl = await serve(async (app) => {
    await app.register(multiLendingRoutes, { authenticatePlatform, authenticateSupervisor, keyHolder });
  });

  const { store: regStore, driver: regDriver } = await openRegistryStore({ dir });
  drivers.push(regDriver);
  const registry = new Registry({ store: regStore, clock: systemClock, ids: systemIds() });
  const registryUrl = await serve(async (app) => {
    await app.register(multiLendingRoutes, { authenticatePlatform, authenticateSupervisor, registry });
  });

  return {
    keyHolderUrl,
    registryUrl,
    publicKey: keyHolder.publicKeyHex,
    keyHolderFile,
    registryFile,
    async close() {
      for (const a of apps) await a.close();
      for (const d of drivers) await d.close();
    },
  };
}

export async function post(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}
