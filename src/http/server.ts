import Fastify, { LogController, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import {
  accessRoutes,
  erasureRoutes,
  type AccessAdmin,
  type AccessService,
  type EraseSubject,
} from '../access/index.ts';
import type { Clock, Registry } from '../kernel/index.ts';
import {
  AdmissionDoor,
  DecisionSchema,
  defaultAdmissionLimits,
  iso20022Routes,
  monitoringRoutes,
  type AdmissionLimits,
  type DecisionEngine,
  type IsoIntake,
} from '../monitoring/index.ts';
import type { Store } from '../store/index.ts';
import { auditOutboxRow, ledgerRoutes, type LedgerService, type LedgerWitness } from '../ledger/index.ts';
import { casesRoutes, type CasesRoutesOptions } from '../cases/index.ts';
import {
  screeningRoutes,
  type ListRefresher,
  type ScreeningService,
  type SystemAdminCheck,
  type TenantScreeningSettings,
} from '../screening/index.ts';
import { partiesRoutes, type PartiesRoutesOptions } from '../parties/index.ts';
import { creditRoutes, type CreditTrainingJobs } from '../credit/index.ts';
import { protectionRoutes, type ProtectionRoutesOptions } from '../protection/index.ts';
import { consoleRoutes } from './console.ts';
import { errorHandler } from './errors.ts';
import { metricsAccess, metricsRoute, securityHeaders } from './security.ts';
import { loggerOptions } from './log-redaction.ts';
import { eventLoopPressure } from './pressure.ts';
import { typeboxValidatorCompiler } from './validation.ts';
import { Gauge, ZhiliError } from '../kernel/index.ts';

export interface ServerDeps {
  engine: DecisionEngine;
  access: AccessService;
  store: Store;
  ledger: LedgerService;
  /** The supervision hub's witness of the ledger (ZHILI_HUB_URL): checkpoints are served cosigned. */
  ledgerWitness?: LedgerWitness;
  cases: CasesRoutesOptions;
  screening: ScreeningService;
  refresher: ListRefresher;
  screeningSettings?: TenantScreeningSettings;
  /** Who may manage the global lists (system administrators). */
  isSystemAdmin?: SystemAdminCheck;
  parties: PartiesRoutesOptions;
  clock: Clock;
  metrics: Registry;
  /** Process-level metrics (prom-client), appended to /metrics. */
  processMetrics?: () => Promise<string>;
  /** Operator and API-key administration (`/v1/users…`, `/v1/api-keys…`). */
  admin?: AccessAdmin;
  /** Bearer token that reads /metrics as the system (per-tenant labels); unset: only operators may. */
  metricsToken?: string | undefined;
  /** Observes request latency in seconds per route, for /metrics. */
  observeLatency: (route: string, seconds: number, status: number) => void;
  logger?: boolean;
  /** Event-loop delay (ms) above which API requests are shed with 503; 0 or absent: off. */
  maxEventLoopDelayMs?: number;
  /** Told of each request shed for event-loop delay (counted in /metrics). */
  onShed?: (rule: 'hard' | 'share', tenantId: string) => void;
  /** `errors`: only requests answered 4xx/5xx or slower than 1 s are logged (pino costs µs per line). */
  accessLog?: 'all' | 'errors';
  /** Where ISO 20022 messages wait for their status (the database); in memory when absent. */
  isoIntake?: IsoIntake;
  /** Event attributes holding personal data (masked on read). */
  personalAttributes?: readonly string[];
  /** Tenant whose ISO 20022 routes take loopback requests without credentials (ZHILI_ISO_OPEN_TENANT). */
  isoOpenTenant?: string | undefined;
  /** Events in progress per node and per tenant beyond which event intake refuses (503 / 429). */
  admission?: AdmissionLimits;
  /** Scorecard training jobs and scoring (`/v1/credit/…`); absent: no credit routes. */
  creditJobs?: CreditTrainingJobs;
  /** Complaints on statutory clocks and the risk reserve (`/v1/complaints…`); absent: no such routes. */
  protection?: ProtectionRoutesOptions;
  /** Crypto-shreds a data subject's personal data in events and reports; absent: no erasure route. */
  eraseSubject?: EraseSubject;
  version: string;
}

const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable code from the error catalogue (docs/errors.md)' }),
      message: Type.String(),
      messageZh: Type.String(),
      pointer: Type.Optional(Type.String({ description: 'JSON pointer of the offending field' })),
      details: Type.Optional(
        Type.Array(Type.Object({ pointer: Type.String(), message: Type.String(), messageZh: Type.String() })),
      ),
    }),
  },
  { $id: 'ErrorBody' },
);

/** Assembles the HTTP face: every module's routes, the error mapping, health, metrics and API docs. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ? loggerOptions() : false,
    logController: new LogController({ disableRequestLogging: deps.accessLog !== 'all' }),
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(new ZhiliError('ZHILI_E_ROUTE_NOT_FOUND').toJSON()));
  app.addSchema(ErrorBodySchema);
  app.addSchema(DecisionSchema);

  await securityHeaders(app, deps.metrics);
  // One door for event intake and the event-loop guard: both judge a request by its tenant's share.
  const door = new AdmissionDoor(deps.admission ?? defaultAdmissionLimits);
  admissionGauges(deps.metrics, door.admission);
  eventLoopPressure(app, {
    maxEventLoopDelayMs: deps.maxEventLoopDelayMs ?? 0,
    door,
    ...(deps.onShed ? { onShed: deps.onShed } : {}),
  });
  app.addHook('onResponse', (req, reply, done) => {
    deps.observeLatency(req.routeOptions.url ?? 'unknown', reply.elapsedTime / 1000, reply.statusCode);
    // Shed requests (429/503) are counted in /metrics, not logged: under a flood the log would be the bottleneck.
    const shed = reply.statusCode === 429 || reply.statusCode === 503;
    if (deps.logger && deps.accessLog !== 'all' && !shed && (reply.statusCode >= 400 || reply.elapsedTime >= 1000))
      req.log.info({ req, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Zhili API',
        version: deps.version,
        description:
          'Real-time risk decisions, AML monitoring and audit for online financial platforms. 治理：网络金融平台治理 API。',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API key (zk_…) or operator token (zs_…)' },
        },
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    // Not ready without a sanctions list: a node that cannot screen must not take traffic.
    if (deps.engine.isReady && !deps.screening.ready)
      return reply.code(503).send({
        status: 'not_ready',
        store: deps.store.kind,
        reason: 'ZHILI_E_SCREENING_NO_LISTS',
        message: 'No sanctions list is loaded; run `zhili lists fetch`.',
        messageZh: '未加载任何制裁名单，请运行 `zhili lists fetch`。',
      });
    const ready = deps.engine.isReady;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'starting', store: deps.store.kind });
  });
  metricsRoute(app, {
    metrics: deps.metrics,
    process: deps.processMetrics,
    who: metricsAccess({
      access: deps.access,
      token: deps.metricsToken,
      isSystemAdmin: deps.isSystemAdmin ?? (() => false),
    }),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(accessRoutes, { access: deps.access, ...(deps.admin ? { admin: deps.admin } : {}) });
  await app.register(monitoringRoutes, {
    engine: deps.engine,
    access: deps.access,
    store: deps.store,
    clock: deps.clock,
    audit: (e) => deps.ledger.appendAudit(e),
    ...(deps.personalAttributes ? { personalAttributes: deps.personalAttributes } : {}),
    door,
    // Rule-set steps queue their ledger entry in their own transaction; the ledger appends it at once.
    auditOutbox: {
      row: auditOutboxRow,
      settle: () => deps.ledger.catchUp(),
    },
  });
  if (deps.eraseSubject)
    await app.register(erasureRoutes, {
      access: deps.access,
      erase: deps.eraseSubject,
      audit: (e) => deps.ledger.appendAudit(e),
      clock: deps.clock,
    });
  await app.register(iso20022Routes, {
    engine: deps.engine,
    access: deps.access,
    intake: deps.isoIntake,
    openTenant: deps.isoOpenTenant,
  });
  await app.register(ledgerRoutes, {
    ledger: deps.ledger,
    access: deps.access,
    ...(deps.ledgerWitness ? { witness: deps.ledgerWitness } : {}),
  });
  await app.register(casesRoutes, deps.cases);
  await app.register(screeningRoutes, {
    screening: deps.screening,
    access: deps.access,
    refresher: deps.refresher,
    ...(deps.screeningSettings ? { settings: deps.screeningSettings } : {}),
    ...(deps.isSystemAdmin ? { isSystemAdmin: deps.isSystemAdmin } : {}),
  });
  await app.register(partiesRoutes, deps.parties);
  if (deps.creditJobs) await app.register(creditRoutes, { access: deps.access, jobs: deps.creditJobs });
  if (deps.protection) await app.register(protectionRoutes, deps.protection);
  await app.register(consoleRoutes);
  return app;
}

/** The admission controller's state at each scrape: why a node refuses, and how much it lets in. */
function admissionGauges(metrics: Registry, a: AdmissionDoor['admission']): void {
  const gauges: [string, string, () => number][] = [
    ['zhili_admission_in_flight', 'Events holding a slot now (admitted, not yet answered)', () => a.inFlight],
    [
      'zhili_admission_limit',
      'Events the node holds before refusing tenants above their share (Little law, fair cap)',
      () => a.limit,
    ],
    [
      'zhili_admission_fair_cap',
      'The fair cap on events in flight while two or more tenants are active',
      () => a.fairCap,
    ],
    ['zhili_admission_goal_ms', 'Time in flight the fair cap aims at, ms', () => a.goalMs],
    ['zhili_admission_time_in_flight_ms', 'Mean time in flight of recent single events, ms', () => a.meanInFlightMs],
    ['zhili_admission_active_tenants', 'Tenants admitted within the last second', () => a.activeTenants],
  ];
  for (const [name, help, read] of gauges) metrics.register(new Gauge(name, help, read));
}
