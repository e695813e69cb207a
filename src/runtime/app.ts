import type { FastifyInstance } from 'fastify';
import { AccessAdmin, AccessService } from '../access/index.ts';
import { buildServer } from '../http/index.ts';
import { chinaCalendar, makeFxTable, systemClock, systemIds, type Clock, type Ids } from '../kernel/index.ts';
import {
  compileOrThrow,
  DecisionEngine,
  builtInRuleSetDocument,
  fxTableData,
  type BuiltInRuleSet,
  type CompiledRuleSet,
} from '../monitoring/index.ts';
import type { Store, TenantRecord } from '../store/index.ts';
import { auditOutboxRow, LedgerService } from '../ledger/index.ts';
import { loadMasterKey } from '../parties/adapters.ts';
import { tailerStore } from './tailers.ts';
import { openStores, snapshotDeps, sqliteFile, subjectEraser } from './stores.ts';
import { WriteTurns } from '../store/adapters.ts';
import { personalDataOf } from './personal-data.ts';
import { ownerOnlyDir, ownerOnlyFile } from '../ledger/adapters.ts';
import { createCases, type CasesModule } from '../cases/index.ts';
import { ScreeningService, TenantScreeningSettings } from '../screening/index.ts';
import { listSpecsOf, systemAdminOf } from './screening-config.ts';
import { buildListsInThread } from '../screening/adapters.ts';
import { partyScreener } from './party-screener.ts';
import { partyFactsFrom } from './party-facts.ts';
import { highRiskFrom } from './high-risk.ts';
import { reportingProfilesOf } from './reporting-profiles.ts';
import { startBackground, type Background } from './background.ts';
import { adoptClusterSecrets } from './cluster-secrets.ts';
import { processMetrics } from './process-metrics.ts';
import { admissionMetered, appMetrics } from './app-metrics.ts';
import { listReloads } from './list-reloads.ts';
import { createParties, type PartiesModule } from '../parties/index.ts';
import { createSuitability } from '../protection/index.ts';
import { wireConsumerSide } from './consumer-side.ts';
import { openHubWitness } from './hub-witness.ts';
import { startHubSync } from './hub-sync.ts';
import { openCreditSide } from './credit-side.ts';
import type { Config } from './config.ts';
import { openClusterNode, type ClusterNode } from './cluster-node.ts';

export interface Zhili {
  config: Config;
  store: Store;
  engine: DecisionEngine;
  access: AccessService;
  server: FastifyInstance;
  ledger: LedgerService;
  cases: CasesModule;
  screening: ScreeningService;
  parties: PartiesModule;
  /** The supervision hub's witness client (ZHILI_HUB_URL), when configured. */
  hubWitness: Awaited<ReturnType<typeof openHubWitness>>;
  /** This node's partitions when it is one of a cluster (ZHILI_NATS_URL), else undefined. */
  cluster: ClusterNode | undefined;
  /** Creates a tenant with an API key and the default rule set, live at once. */
  createTenant(
    name: string,
    timeZone?: string,
    ruleSet?: BuiltInRuleSet,
  ): Promise<{ tenant: TenantRecord; apiKey: string }>;
  close(): Promise<void>;
}

export const version = '0.1.0';

/**
 * The composition root: the only place that picks adapters (from configuration) and wires services.
 * Everything below it receives its ports.
 */
export async function createZhili(
  config: Config,
  opts: { clock?: Clock; ids?: Ids; store?: Store } = {},
): Promise<Zhili> {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? systemIds();
  // Reporting profiles are checked before anything is opened: a bad one names its variable.
  const reporting = reportingProfilesOf(config);
  // The data directory and the SQLite file are the owner's only (0700 / 0600).
  ownerOnlyDir(config.dataDir);
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl ?? '')) ownerOnlyFile(sqliteFile(config));
  await adoptClusterSecrets(config); // before any key is loaded: one KEK for every node of a cluster
  const master = loadMasterKey({ configured: config.masterKey, dataDir: config.dataDir });
  // The background thread opens its own connections from the configuration, so not for an injected store.
  const useBackground = config.backgroundThread && opts.store === undefined;
  const turns = useBackground ? WriteTurns.create() : undefined; // its writes and group commits take turns at SQLite's lock
  const stores = openStores(config, {
    ...(opts.store ? { main: opts.store } : {}),
    ...(turns ? { turns: { shared: turns, role: 'writer' as const } } : {}),
    personal: personalDataOf(config, () => clock.now()),
  });
  const store = stores.main;
  await stores.migrate();
  const tailed = tailerStore(stores); // the ledger's and the case projector's reads
  const ledger = new LedgerService({
    store: tailed,
    ledger: stores.ledger,
    clock,
    origin: config.ledgerOrigin,
    keySecret: config.ledgerKeySecret,
    masterKey: master,
    checkpointIntervalMs: config.ledgerCheckpointMs,
    // With the background thread, it tails decisions; this instance serves proofs and operator actions.
    poll: !useBackground,
  });

  const m = appMetrics();
  const metrics = m.registry;
  const processMetricsOf = processMetrics();
  const { decisions, latency, batchSizes, commitFailures, backgroundErrors, loginFailures } = m;

  const calendar = chinaCalendar();
  const fx = makeFxTable(fxTableData(config.fxFile));
  const compile = (doc: unknown, tz: string) => compileOrThrow(doc, { calendar, defaultTimeZone: tz });

  const ruleSetFor = async (tenant: TenantRecord, initial: BuiltInRuleSet = 'default'): Promise<CompiledRuleSet> => {
    const active = await store.getActiveRuleSet(tenant.id);
    if (active) return compile(active.content, tenant.timeZone);
    const doc = builtInRuleSetDocument(initial);
    const compiled = compile(doc, tenant.timeZone);
    await store.putRuleSet({
      tenantId: tenant.id,
      version: compiled.version,
      content: doc,
      createdAt: clock.now(),
      createdBy: 'system',
      active: true,
    });
    return compiled;
  };

  // Lists: the versions `zhili lists fetch` stored (the same on every node) and any configured files.
  // None loaded is allowed but loud: not ready, screening refuses, decisions that need it go to review.
  const screening = new ScreeningService({ clock });
  const listSpecs = listSpecsOf(config);
  let storedKeys = '';
  const loadLists = async () => {
    const stored = await stores.lists.current();
    storedKeys = stored.map((v) => `${v.listId}@${v.contentHash}`).join(',');
    // Parsed and indexed in a worker thread: a reload holds the event loop a few ms at a time, not seconds.
    return screening.install(await buildListsInThread({ stored, specs: listSpecs, now: clock.now() }));
  };
  await loadLists();
  const screeningSettings = new TenantScreeningSettings({
    store: stores.lists,
    clock,
    audit: (e) => ledger.appendAudit(e),
  });
  const late: { parties?: PartiesModule } = {}; // created below; a reviewer's false positives hold in decisions
  const screenParty = partyScreener(screening, {
    settings: screeningSettings,
    heldFalsePositives: async (tenantId, partyId, hits) =>
      late.parties ? late.parties.parties.heldFalsePositives(tenantId, partyId, hits) : new Set(),
  });

  let background: Background | undefined; // started once the modules below exist
  // Scorecards and the loan book in memory for the decision path (loaded below, after the engine),
  // training jobs and the multi-lending check: runtime/credit-side.ts.
  const creditSide = openCreditSide({ config, clock, ids, store: stores.credit, audit: (e) => ledger.appendAudit(e) });
  const { credit, jobs: creditJobs } = creditSide;
  // Customers' categories, products and acknowledgements in memory for the decision path (loaded below).
  const suitability = createSuitability({
    store: stores.suitability,
    clock,
    ids,
    audit: (e) => ledger.appendAudit(e),
    settleAudit: () => ledger.catchUp(),
  });
  // Cluster mode (ZHILI_NATS_URL): events decided by their partition's owner (docs/decisions/0008).
  const cluster = await openClusterNode(config, clock);
  const engine = new DecisionEngine({
    store,
    ...(cluster ? { cluster: cluster.hooks } : {}),
    clock,
    fx,
    calendar,
    maxCommitBatch: config.maxCommitBatch,
    maxCommitQueue: config.maxCommitQueue,
    exclusiveWriter: store.kind === 'sqlite' || config.exclusiveWriter,
    batchSizes,
    onDecision: (d) => {
      decisions.inc({ outcome: d.outcome });
      if (background) background.notify();
      else ledger.notify();
    },
    onCommitFailure: () => commitFailures.inc(),
    screenParty,
    credit: credit.port,
    suitability: suitability.port,
    ...snapshotDeps(config, stores, master, metrics), // window snapshots: restores replay only the log after one
    loadTenant: async (tenantId) => {
      const tenant = await store.getTenant(tenantId);
      return tenant && { tenant, ruleSet: await ruleSetFor(tenant) };
    },
  });
  const access = new AccessService({
    store,
    clock,
    ids,
    audit: (e) => ledger.appendAudit(e),
    accounts: stores.accounts,
    // Failed logins are counted in the database: every node of a cluster enforces the same lock.
    throttleState: stores.accounts.throttle(),
    onLoginFailure: (reason) => loginFailures.inc({ reason }),
    // Tenant and operator creation queue their ledger entry in their own transaction.
    auditOutbox: { row: auditOutboxRow, settle: () => ledger.catchUp() },
  });
  const admin = new AccessAdmin(access, stores.accounts, {
    keyGraceMs: config.apiKeyGraceSeconds * 1000,
    // Operator and key actions queue their ledger entry in their own transaction; this appends it at once.
    settle: () => ledger.catchUp(),
  });
  await access.purgeSessions();

  const tenants = await store.listTenants();
  const loaded = [];
  for (const tenant of tenants) loaded.push({ tenant, ruleSet: await ruleSetFor(tenant) });
  await engine.start(loaded);
  await cluster?.start(engine, store);
  await credit.load(store, (tenantId) => engine.runtime(tenantId)?.ruleSet, fx);
  await suitability.load(store, (tenantId) => engine.runtime(tenantId)?.ruleSet, fx);
  await ledger.start();
  const hubWitness = await openHubWitness(config, stores.ledger, clock, ids);
  hubWitness?.start();
  const cases = await createCases({
    store,
    access,
    clock,
    ids,
    audit: (e) => ledger.appendAudit(e),
    // Case and report actions queue their ledger entry in their own transaction; this appends it at once.
    settleAudit: () => ledger.catchUp(),
    caseStore: stores.cases,
    projector: { store: tailed },
    // Reports read customers' party records; the parties module is created just below.
    partyFacts: partyFactsFrom(() => late.parties),
    highRisk: highRiskFrom(() => late.parties),
    ...reporting,
  });
  if (useBackground) {
    background = await startBackground(config, turns, (e) => {
      backgroundErrors.inc();
      process.emitWarning(e instanceof Error ? e : new Error(String(e)));
    });
    processMetricsOf.watch('background', background.thread);
  } else {
    await cases.start();
  }
  const eraseSubject = subjectEraser(stores);
  const parties = await createParties({
    access,
    clock,
    ids,
    screening,
    audit: (e) => ledger.appendAudit(e),
    partyStore: stores.parties,
    master,
    settleAudit: () => ledger.catchUp(),
    eraseElsewhere: async (tenantId, subjects) => {
      for (const s of subjects) await eraseSubject(tenantId, s);
    },
  });
  late.parties = parties;
  const { refresher, stop: stopListWatch } = listReloads({
    screening,
    loadLists,
    changedElsewhere: async () => (await stores.lists.currentKeys()).join(',') !== storedKeys,
    clearScreeningCache: () => screenParty.clear(),
    store,
    parties,
    clock,
    ids,
  });

  const timeZoneOf = async (tenantId: string): Promise<string> =>
    (await store.getTenant(tenantId))?.timeZone ?? config.defaultTimeZone;
  const tenantDirectory = { get: (id: string) => store.getTenant(id), list: () => store.listTenants() };
  const consumer = await wireConsumerSide({
    shared: {
      access,
      clock,
      ids,
      calendar,
      timeZoneOf,
      audit: (e) => ledger.appendAudit(e),
      // Steps queue their ledger entry in their own transaction; this appends it at once.
      settleAudit: () => ledger.catchUp(),
    },
    master,
    stores: { complaints: stores.complaints, rights: stores.rights },
    // Exports read through the sealing store; deletion reuses the parties erase and `eraseSubject`.
    subjects: { events: store, parties: () => late.parties, eraseSubject },
    database: { databaseUrl: config.databaseUrl, sqliteFile: sqliteFile(config) },
    disclosure: {
      scanDecisions: (after, limit) => store.scanDecisions(after, limit),
      eventContext: (tenantId) => engine.runtime(tenantId)?.ruleSet,
      fx,
      ledger,
      tenants: tenantDirectory,
    },
  });
  const server = await buildServer({
    ...(hubWitness ? { ledgerWitness: hubWitness } : {}),
    engine,
    access,
    admin,
    metricsToken: config.metricsToken,
    store,
    ledger,
    cases: cases.routes,
    screening,
    parties: parties.routes,
    refresher,
    screeningSettings,
    isSystemAdmin: systemAdminOf(config),
    clock,
    metrics,
    processMetrics: () => processMetricsOf.text(),
    version,
    isoIntake: stores.iso.open(clock, { maxPending: config.isoPendingLimit }),
    personalAttributes: [...(stores.vault?.personal ?? [])],
    ...admissionMetered(config, m),
    isoOpenTenant: config.isoOpenTenant,
    creditJobs,
    protection: consumer.protection.routes,
    eraseSubject,
    logger: config.logger,
    accessLog: config.accessLog,
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    observeLatency: (route, seconds) => latency.observe(seconds, { route }),
  });
  await consumer.register(server, suitability);
  // Filings and indicators to the supervision hub (ZHILI_HUB_URL): timer, POST /v1/hub-sync, metric.
  const hubSync = await startHubSync({
    config,
    clock,
    ids,
    metrics,
    server,
    access,
    deps: {
      clock,
      tenants: () => store.listTenants(),
      cases,
      complaints: consumer.protection.reports,
      incidents: consumer.rights.incidents,
      ledger,
      book: credit.book,
      ...(hubWitness ? { witness: hubWitness } : {}),
    },
  });
  const stopLoanSync = await creditSide.register(server, {
    access,
    timeZoneOf,
    parties: () => parties,
    tenantIds: async () => (await store.listTenants()).map((t) => t.id),
  });

  return {
    config,
    store,
    engine,
    access,
    server,
    ledger,
    cases,
    screening,
    parties,
    hubWitness,
    cluster,
    async createTenant(name, timeZone = config.defaultTimeZone, ruleSet = 'default') {
      const created = await access.createTenant(name, timeZone);
      await engine.addTenant(created.tenant, await ruleSetFor(created.tenant, ruleSet));
      return created;
    },
    async close() {
      stopListWatch();
      credit.stop();
      stopLoanSync();
      suitability.stop();
      await server.close();
      await cluster?.stop();
      await creditJobs.idle();
      await engine.close();
      await background?.stop();
      await cases.close();
      await parties.close();
      await hubSync?.stop();
      await hubWitness?.stop();
      await ledger.stop();
      await consumer.close();
      await stores.close();
    },
  };
}
