/**
 * The hub's HTTP face: its own Fastify server, with the platform's conventions (TypeBox validation,
 * the error catalogue, OpenAPI at /openapi.json) and its own routes. Further hub plugins (the private
 * multi-lending check in ./lending) are registered through `plugins`, each given the platform
 * authentication to use.
 */
import Fastify, {
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyRequest,
  type preHandlerAsyncHookHandler,
} from 'fastify';
import swagger from '@fastify/swagger';
import { Type } from '@sinclair/typebox';
import { errorHandler, typeboxValidatorCompiler } from '../http/index.ts';
import { ZhiliError, type Clock, type Ids } from '../kernel/index.ts';
import { formatCosignerVerifierKey, type Cosigner } from '../ledger/index.ts';
import { keepRawBodies, platformAuth, platformAuthenticator } from './http-platform-auth.ts';
import { bearerToken } from '../access/index.ts';
import { Registry } from './registry.ts';
import { registryRoutes } from './routes-registry.ts';
import { alertRoutes } from './routes-alerts.ts';
import { HubAlerts } from './alerts-service.ts';
import { witnessRoutes } from './routes-witness.ts';
import type { HubStore } from './store/port.ts';
import { Supervisors } from './supervisors.ts';
import { Witness } from './witness-service.ts';
import { defaultThresholds, type Thresholds } from './core/flags.ts';
import type { ThrottlePolicy } from './core/login-throttle.ts';
import { Dashboard } from './filings/dashboard.ts';
import { pageRoutes } from './filings/page-routes.ts';
import { filingsRoutes } from './filings/routes.ts';
import { hubConsoleRoutes } from './console.ts';
import { Filings } from './filings/service.ts';

/** What a hub plugin receives besides its own options: the hub's store, clock and platform authentication. */
export interface HubPluginContext {
  store: HubStore;
  clock: Clock;
  ids: Ids;
  /** preHandler: the request must be signed by a registered platform (then `platformOf(req)`). */
  platformAuth: preHandlerAsyncHookHandler;
  /** The same check as a function: the calling platform's id. */
  authenticatePlatform: (req: FastifyRequest) => Promise<{ platformId: string }>;
  /** The signed-in supervisor (bearer session token); throws ZHILI_E_UNAUTHENTICATED. */
  authenticateSupervisor: (req: FastifyRequest) => Promise<{ supervisorId: string }>;
  supervisors: Supervisors;
}

export interface HubDeps {
  store: HubStore;
  clock: Clock;
  ids: Ids;
  cosigner: Cosigner;
  staleAfterMs: number;
  logger?: boolean;
  /** Hub plugins registered after the hub's own routes (e.g. the multi-lending check). */
  plugins?: ((ctx: HubPluginContext) => FastifyPluginAsync)[];
  version?: string;
  /** Early-warning thresholds (ZHILI_HUB_THRESHOLDS over the defaults). */
  thresholds?: Thresholds;
  /** Supervisor sign-in throttling (defaults in core/login-throttle.ts). */
  throttle?: ThrottlePolicy;
  /** Proxies (addresses/CIDRs) whose X-Forwarded-For gives the client address; none: the socket's. */
  trustedProxies?: readonly string[];
  /** The built console to serve at /console (web/dist by default). */
  consoleRoot?: string;
}

export interface Hub {
  server: FastifyInstance;
  witness: Witness;
  registry: Registry;
  supervisors: Supervisors;
  store: HubStore;
  verifierKey: string;
  filings: Filings;
  dashboard: Dashboard;
  alerts: HubAlerts;
}

export async function buildHub(d: HubDeps): Promise<Hub> {
  const app = Fastify({
    logger: d.logger ?? false,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // req.ip (sign-in throttling per address) is the peer unless the peer is a trusted proxy.
    trustProxy: d.trustedProxies?.length ? [...d.trustedProxies] : false,
  });
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(new ZhiliError('ZHILI_E_ROUTE_NOT_FOUND').toJSON()));
  app.addSchema(
    Type.Object(
      {
        error: Type.Object({
          code: Type.String(),
          message: Type.String(),
          messageZh: Type.String(),
          pointer: Type.Optional(Type.String()),
          details: Type.Optional(
            Type.Array(Type.Object({ pointer: Type.String(), message: Type.String(), messageZh: Type.String() })),
          ),
        }),
      },
      { $id: 'ErrorBody' },
    ),
  );
  keepRawBodies(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Zhili supervision hub',
        version: d.version ?? '0.1.0',
        description: 'Registry, ledger witness and alerts across platforms. 监管枢纽：平台登记、账本见证与预警。',
      },
    },
  });
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const supervisors = new Supervisors(d);
  const filings = new Filings(d);
  const dashboard = new Dashboard({ ...d, thresholds: d.thresholds ?? defaultThresholds });
  // The move from winding down to exited waits for a complete exit plan (and still for four eyes).
  const registry = new Registry({ ...d, exitCheck: (p) => filings.exitPlans.ready(p) });
  const witness = new Witness(d);
  const verifierKey = formatCosignerVerifierKey(d.cosigner.name, d.cosigner.privateKey);
  const alerts = new HubAlerts(d);
  await app.register(registryRoutes, { supervisors, registry, store: d.store, alerts });
  await app.register(alertRoutes, { alerts, store: d.store, who: (req) => supervisors.authenticate(bearerToken(req)) });
  await app.register(witnessRoutes, { witness, store: d.store, clock: d.clock, verifierKey });
  // Hub plugins built beside this module (the private multi-lending check: src/supervision/lending/).
  const authenticate = platformAuthenticator({ store: d.store, clock: d.clock });
  const ctx: HubPluginContext = {
    store: d.store,
    clock: d.clock,
    ids: d.ids,
    platformAuth: platformAuth({ store: d.store, clock: d.clock }),
    authenticatePlatform: async (req) => ({ platformId: (await authenticate(req)).id }),
    authenticateSupervisor: async (req) => ({ supervisorId: (await supervisors.authenticate(bearerToken(req))).id }),
    supervisors,
  };
  await app.register(filingsRoutes, {
    filings,
    dashboard,
    registry,
    store: d.store,
    authenticatePlatform: authenticate,
    authenticateSupervisor: (req) => supervisors.authenticate(bearerToken(req)),
  });
  await app.register(pageRoutes, { supervisors, registry, dashboard, filings, store: d.store });
  // The React console (the platform's build) with the hub's pages; the script-free pages above stay.
  await app.register(hubConsoleRoutes, {
    store: d.store,
    version: d.version ?? '0.1.0',
    authenticateSupervisor: (req) => supervisors.authenticate(bearerToken(req)),
    ...(d.consoleRoot ? { root: d.consoleRoot } : {}),
  });
  for (const make of d.plugins ?? []) await app.register(make(ctx));
  return { server: app, witness, registry, supervisors, store: d.store, verifierKey, filings, dashboard, alerts };
}
