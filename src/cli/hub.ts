/**
 * `zhili hub serve | supervisor add | key | keygen`: the supervision hub, its own process on its own
 * database (--hub-dir / ZHILI_HUB_DIR for SQLite, ZHILI_HUB_DATABASE_URL for PostgreSQL). This file is
 * the hub's composition root: the only place that picks its adapters.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { systemClock, systemIds, type Clock, type Ids } from '../kernel/index.ts';
import { formatSignerKey, formatVerifierKey, formatCosignerVerifierKey, type LedgerService } from '../ledger/index.ts';
import {
  backfillHubLedger,
  buildHub,
  hubLedgerRoutes,
  hubLedgerService,
  LendingRegistry,
  loadHubConfig,
  multiLendingRoutes,
  type Hub,
  type HubConfig,
  type HubPluginContext,
} from '../supervision/index.ts';
import { loadLedgerSecret, loadWitnessKey, openHubStore, openRegistryStore } from '../supervision/adapters.ts';
import { registerHubLedgerCommand } from './hub-ledger.ts';
import type { FastifyPluginAsync } from 'fastify';
import { cliPassword } from './auth.ts';
import { listenFailure } from './serve.ts';

export interface RunningHub extends Hub {
  config: HubConfig;
  /** Runs the staleness check now (it also runs every staleCheckMs). */
  checkStaleness(): Promise<unknown>;
  /** The hub's own audit ledger (its actions, signed checkpoints; served at /v1/ledger/…). */
  ledger: LedgerService;
  close(): Promise<void>;
}

/** Opens the hub's store and key and assembles the server (not listening yet). */
export async function openHub(config: HubConfig, opts: { clock?: Clock; ids?: Ids } = {}): Promise<RunningHub> {
  const store = openHubStore(config);
  await store.migrate();
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? systemIds();
  // Hub plugins beside the core routes, each given the hub's platform and supervisor authentication.
  // The multi-lending registry (`/v1/hub/loans…`) is served here; its OPRF key holder runs apart.
  const { store: lendingStore } = await openRegistryStore({ dir: config.hubDir, databaseUrl: config.databaseUrl });
  const lending = new LendingRegistry({ store: lendingStore, clock, ids, audit: (e) => store.audit(e) });
  const ledger = hubLedgerService({
    store,
    clock,
    origin: config.ledgerOrigin,
    keySecret: loadLedgerSecret(config),
    onError: (e) => console.error('hub ledger:', e),
  });
  await backfillHubLedger(store, clock.now()); // a hub that ran before it had a ledger of its own
  await ledger.start();
  const hubPlugins: ((ctx: HubPluginContext) => FastifyPluginAsync)[] = [
    (ctx) => async (app) =>
      app.register(hubLedgerRoutes, { ledger, authenticateSupervisor: ctx.authenticateSupervisor }),
    (ctx) => async (app) =>
      app.register(multiLendingRoutes, {
        authenticatePlatform: ctx.authenticatePlatform,
        authenticateSupervisor: ctx.authenticateSupervisor,
        registry: lending,
        standing: async (id) => (await store.platform(id))?.status,
      }),
  ];
  const hub = await buildHub({
    store,
    clock,
    ids,
    cosigner: loadWitnessKey(config),
    staleAfterMs: config.staleAfterMs,
    logger: config.logger,
    plugins: hubPlugins,
    thresholds: config.thresholds,
    trustedProxies: config.trustedProxies,
  });
  const check = () => hub.witness.checkStaleness();
  const timer = setInterval(() => void check().catch((e: unknown) => hub.server.log.error(e)), config.staleCheckMs);
  timer.unref();
  return {
    ...hub,
    config,
    checkStaleness: check,
    ledger,
    async close() {
      clearInterval(timer);
      await hub.server.close();
      await ledger.stop();
      await store.close();
      await lendingStore.close();
    },
  };
}

function hubConfigFrom(cmd: Command, extra: Partial<HubConfig> = {}): HubConfig {
  const o = cmd.optsWithGlobals<{ hubDir?: string; hubDatabaseUrl?: string }>();
  return loadHubConfig(
    {
      ...(o.hubDir ? { hubDir: o.hubDir } : {}),
      ...(o.hubDatabaseUrl ? { databaseUrl: o.hubDatabaseUrl } : {}),
      ...extra,
    },
    process.env,
  );
}

export function registerHubCommands(program: Command): void {
  const hub = program
    .command('hub')
    .description('the supervision hub: registry, ledger witness, alerts · 监管枢纽')
    .option('--hub-dir <dir>', "the hub's own data directory (env ZHILI_HUB_DIR, default ./hub-data)")
    .option('--hub-database-url <url>', 'postgres://… for the hub (env ZHILI_HUB_DATABASE_URL)');

  hub
    .command('serve')
    .description('start the hub server · 启动监管枢纽')
    .option('--port <port>', 'port (env ZHILI_HUB_PORT, default 8090)', (v) => Number(v))
    .option('--host <host>', 'address (env ZHILI_HUB_HOST)')
    .action(async (o: { port?: number; host?: string }, cmd: Command) => {
      const config = hubConfigFrom(cmd, {
        ...(o.port === undefined ? {} : { port: o.port }),
        ...(o.host ? { host: o.host } : {}),
      });
      const running = await openHub(config);
      try {
        const url = await running.server.listen({ port: config.port, host: config.host });
        console.log(`Zhili hub listening on ${url} · 监管枢纽已启动`);
        console.log(`witness key (pin on platforms as ZHILI_HUB_KEY) · 见证公钥: ${running.verifierKey}`);
      } catch (e) {
        console.error(listenFailure(e, config.host, config.port));
        await running.close();
        process.exitCode = 1;
        return;
      }
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  hub
    .command('supervisor')
    .description('supervisor accounts · 监管人员账户')
    .command('add')
    .description('add a supervisor; the password comes from ZHILI_PASSWORD, --password-stdin or a prompt')
    .requiredOption('--username <name>')
    .option('--admin', 'may add supervisors and register platforms')
    .action(async (o: { username: string; admin?: boolean }, cmd: Command) => {
      const password = await cliPassword(cmd);
      const running = await openHub(hubConfigFrom(cmd));
      try {
        const s = await running.supervisors.create({ username: o.username, password, admin: o.admin ?? false }, 'cli');
        console.log(JSON.stringify(s));
      } finally {
        await running.close();
      }
    });

  hub
    .command('key')
    .description("print the witness's verifier key · 输出见证公钥")
    .action((_o: unknown, cmd: Command) => {
      const config = hubConfigFrom(cmd);
      if (!config.witnessKey && !existsSync(join(config.hubDir, 'witness.key')))
        throw new Error('the hub has no witness key yet: start it once (zhili hub serve)');
      const k = loadWitnessKey(config);
      console.log(formatCosignerVerifierKey(k.name, k.privateKey));
    });

  registerHubLedgerCommand(hub, hubConfigFrom);

  hub
    .command('keygen')
    .description(
      "a platform's request key pair: set ZHILI_HUB_PLATFORM_KEY, register the verifier key · 生成平台请求密钥",
    )
    .requiredOption('--name <name>', 'key name, e.g. the platform domain')
    .action((o: { name: string }) => {
      const { privateKey } = generateKeyPairSync('ed25519');
      console.log(
        JSON.stringify(
          {
            signerKey: formatSignerKey({ name: o.name, privateKey }),
            verifierKey: formatVerifierKey(o.name, privateKey),
          },
          null,
          2,
        ),
      );
    });
}
