import type { Clock, Ids } from '../kernel/index.ts';
import type { PartiesModule } from '../parties/index.ts';
import { ListRefresher, type ListVersion, type ScreeningService } from '../screening/index.ts';
import type { Store } from '../store/index.ts';

/** How often a node checks the database for list versions stored elsewhere. */
const LIST_POLL_MS = 60_000;

/**
 * List reloads: on new versions, decisions stop using cached screening results and every tenant's
 * parties are re-screened; another node or `zhili lists fetch` storing a version is noticed by polling,
 * so every node converges. Returns the refresher (for its routes) and the poll's stop.
 */
export function listReloads(o: {
  screening: ScreeningService;
  loadLists: () => Promise<ListVersion[]>;
  /** Whether the stored versions differ from the ones this node loaded. */
  changedElsewhere: () => Promise<boolean>;
  clearScreeningCache: () => void;
  store: Pick<Store, 'listTenants'>;
  parties: PartiesModule;
  clock: Clock;
  ids: Ids;
}): { refresher: ListRefresher; stop: () => void } {
  const refresher = new ListRefresher({
    screening: o.screening,
    loadLists: o.loadLists,
    clock: o.clock,
    ids: o.ids,
    onNewVersions: async (progress) => {
      o.clearScreeningCache();
      let done = 0;
      let newHits = 0;
      for (const t of await o.store.listTenants()) {
        const actor = {
          tenantId: t.id,
          actorId: 'system:list-reload',
          permissions: ['parties:read' as const, 'parties:write' as const],
        };
        const r = await o.parties.parties.rescreenTenant(actor, (n) => progress(done + n));
        done += r.parties;
        newHits += r.newHits;
      }
      return { newHits };
    },
  });
  const stop = refresher.watch(LIST_POLL_MS, o.changedElsewhere, (e) =>
    process.emitWarning(e instanceof Error ? e : new Error(String(e))),
  );
  return { refresher, stop };
}
