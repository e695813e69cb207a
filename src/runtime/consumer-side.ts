import type { FastifyInstance } from 'fastify';
import { createDisclosure, disclosurePortalRoutes, disclosureRoutes } from '../disclosure/index.ts';
import { openDisclosureStore } from '../disclosure/adapters.ts';
import { enqueueAudit } from '../ledger/index.ts';
import { ConsumerIdentity, consumerPortalRoutes, portalApiRoutes } from '../portal/index.ts';
import { openPortalStore } from '../portal/adapters.ts';
import type { createSuitability } from '../protection/index.ts';
import { createProtection, createRights, rightsRoutes, suitabilityRoutes } from '../protection/index.ts';
import { platformSubjectSources } from '../protection/adapters.ts';

type ProtectionDeps = Parameters<typeof createProtection>[0];
type RightsDeps = Parameters<typeof createRights>[0];
type DisclosureDeps = Parameters<typeof createDisclosure>[0];
type SubjectSources = Parameters<typeof platformSubjectSources>[0];

/**
 * The consumer's side of the platform, wired in one place: complaints and the risk reserve, personal-
 * information requests and incidents, disclosures, and the public pages at `/portal/{tenant}`. What
 * they share (operators, clocks, the tenant's time zone, the ledger) comes in once.
 */
export async function wireConsumerSide(d: {
  shared: Pick<ProtectionDeps, 'access' | 'clock' | 'ids' | 'calendar' | 'timeZoneOf' | 'audit' | 'settleAudit'>;
  master: ProtectionDeps['master'];
  stores: { complaints: ProtectionDeps['store']; rights: RightsDeps['store'] };
  /** Where exports read a subject's data and deletion shreds it. */
  subjects: Omit<SubjectSources, 'complaints'>;
  database: Parameters<typeof openDisclosureStore>[0];
  disclosure: Pick<DisclosureDeps, 'scanDecisions' | 'eventContext' | 'fx' | 'ledger' | 'tenants'>;
}) {
  const { shared } = d;
  const protection = createProtection({ ...shared, store: d.stores.complaints, master: d.master });
  const rights = createRights({
    ...shared,
    store: d.stores.rights,
    sources: platformSubjectSources({ ...d.subjects, complaints: protection.complaints }),
  });
  // Its own connection to the database the ledger is in (audit rows in the step's transaction).
  const disclosureStore = openDisclosureStore(d.database, enqueueAudit);
  await disclosureStore.migrate();
  const disclosure = createDisclosure({
    ...d.disclosure,
    access: shared.access,
    clock: shared.clock,
    ids: shared.ids,
    timeZoneOf: shared.timeZoneOf,
    settleAudit: shared.settleAudit,
    store: disclosureStore,
    complaintStore: d.stores.complaints,
    complaintReports: protection.reports,
  });
  // Consumer sign-in codes and sessions: their own connection, audit rows in the step's transaction.
  const portalStore = openPortalStore(d.database, enqueueAudit);
  await portalStore.migrate();
  const identity = new ConsumerIdentity({
    store: portalStore,
    clock: shared.clock,
    ids: shared.ids,
    master: d.master,
    settleAudit: shared.settleAudit,
  });
  await identity.purge();
  return {
    protection,
    rights,
    /** Registers the routes besides the complaint ones (those are in buildServer). */
    async register(server: FastifyInstance, suitability: ReturnType<typeof createSuitability>): Promise<void> {
      await server.register(rightsRoutes, rights.routes);
      await server.register(suitabilityRoutes, { ...suitability.routes, access: shared.access });
      await server.register(disclosureRoutes, disclosure.routes);
      await server.register(disclosurePortalRoutes, disclosure.portal);
      await server.register(consumerPortalRoutes, {
        tenants: d.disclosure.tenants,
        complaints: protection.complaints,
        questionnaires: {
          questionnaire: (tenantId) =>
            suitability.profiles.questionnaire({
              tenantId,
              actorId: 'portal',
              permissions: ['suitability:read'],
              approver: false,
            }),
        },
        master: d.master,
        identity,
        suitability: suitability.self,
      });
      await server.register(portalApiRoutes, { access: shared.access, identity });
    },
    close: async () => {
      await disclosureStore.close();
      await portalStore.close();
    },
  };
}
