/**
 * The platform's side of the private multi-lending check (when ZHILI_LENDING_KEY_HOLDER_URL is set):
 * the client that asks the key holder and the registry, the cache the credit port reads
 * `credit.external.*` from, and the intake route that runs a check before the application is decided.
 * Threat model: docs/decisions/0006-private-multi-lending.md.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../access/index.ts';
import type { Clock, Ids } from '../kernel/index.ts';
import { parseSignerKey, signHubRequest } from '../ledger/index.ts';
import { ExternalCreditCache, LendingTotalsSchema, MultiLendingClient } from '../supervision/index.ts';
import { ConfigError, type Config } from './config.ts';

/** How long a check made at intake stays readable by the decision that follows. */
const CHECK_TTL_MS = 10 * 60_000;

export interface MultiLending {
  client: MultiLendingClient;
  cache: ExternalCreditCache;
}

/** The client and cache, or undefined when the check is not configured; a partial setting is refused. */
export function openMultiLending(config: Config, clock: Clock, ids: Ids): MultiLending | undefined {
  const { lendingKeyHolderUrl: keyHolderUrl, lendingKeyHolderKey: keyHolderPublicKey } = config;
  if (keyHolderUrl === undefined) return undefined;
  const registryUrl = config.lendingRegistryUrl ?? config.hubUrl;
  if (!keyHolderPublicKey || !registryUrl || !config.lendingLoanRefKey)
    throw new ConfigError(
      'ZHILI_LENDING_KEY_HOLDER_URL',
      'needs ZHILI_LENDING_KEY_HOLDER_KEY, ZHILI_LENDING_LOAN_REF_KEY and ZHILI_LENDING_REGISTRY_URL (or ZHILI_HUB_URL) too',
    );
  // The hub authenticates platforms by signed requests (supervision/http-platform-auth.ts): the same
  // key and id the ledger witness uses sign every key-holder and registry request.
  const { hubPlatformId, hubPlatformKey } = config;
  if (!hubPlatformId || !hubPlatformKey)
    throw new ConfigError(
      'ZHILI_LENDING_KEY_HOLDER_URL',
      'needs ZHILI_HUB_PLATFORM_ID and ZHILI_HUB_PLATFORM_KEY (the hub only answers signed requests)',
    );
  const signer = parseSignerKey(hubPlatformKey.trim());
  if (!signer.ok) throw new ConfigError('ZHILI_HUB_PLATFORM_KEY', `is not a signer key: ${signer.reason}`);
  const privateKey = signer.signer.privateKey;
  const client = new MultiLendingClient({
    keyHolderUrl,
    registryUrl,
    keyHolderPublicKey,
    loanRefKey: new TextEncoder().encode(config.lendingLoanRefKey),
    clock,
    headers: ({ method, url, body }) => {
      const u = new URL(url);
      return {
        authorization: signHubRequest(hubPlatformId, privateKey, {
          method,
          path: u.pathname + u.search,
          timestamp: Math.floor(clock.now() / 1000),
          nonce: ids.secret(18),
          body,
        }),
      };
    },
  });
  return { client, cache: new ExternalCreditCache({ clock, ttlMs: CHECK_TTL_MS }) };
}

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:\\-]+$' });
export const ExternalCheckSchema = Type.Object(
  {
    customerId: Id,
    /** The applicant's resident identity number: blinded here, never stored or logged. */
    idNumber: Type.String({ minLength: 1, maxLength: 64 }),
    /** The loan_application event the check is for (the key holder's and registry's audit name it). */
    applicationEventId: Id,
  },
  { additionalProperties: false },
);
const ErrorRef = Type.Ref('ErrorBody');

/** POST /v1/credit/external-checks: the check at intake, kept for the application's decision. */
export const externalCheckRoutes: FastifyPluginAsyncTypebox<{ access: AccessService; lending: MultiLending }> = async (
  app,
  o,
) => {
  app.post(
    '/v1/credit/external-checks',
    {
      preHandler: requirePermission(o.access, 'events:write'),
      schema: {
        tags: ['credit'],
        summary: "Check an applicant's borrowing at other platforms before the loan application is decided",
        description:
          'Runs the private multi-lending check (OPRF, docs/decisions/0006) and keeps the totals for ten minutes for `credit.external.*` in the decision of the application event. 在决策借款申请前查询申请人在其他平台的借款合计（不泄露身份证号）。',
        body: ExternalCheckSchema,
        response: { 200: LendingTotalsSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 503: ErrorRef },
      },
    },
    async (req) => {
      const { tenantId } = principalOf(req);
      return o.lending.cache.prefetch(o.lending.client, { tenantId, ...req.body });
    },
  );
};
