import type { PartyScreener } from '../monitoring/index.ts';
import type { Hit, ScreeningService, TenantScreeningSettings } from '../screening/index.ts';

type Screening = Awaited<ReturnType<PartyScreener>>;
const clean: Screening = { screened: true, score: 0, hit: false, block: false, listId: '', entryId: '' };
const offForTenant: Screening = { screened: false, score: 0, hit: false, block: false, listId: '', entryId: '' };

const outcome = (hits: readonly Hit[]): Screening => {
  const best = hits[0];
  return best
    ? {
        screened: true,
        score: best.score,
        hit: true,
        block: best.recommendation === 'block' && !best.weakOnly,
        listId: best.listId,
        entryId: best.entryId,
      }
    : clean;
};

/**
 * The decision engine's view of the screening service. Hits per name are cached, because the same
 * counterparties come back again and again and a screen costs ~0.5 ms; the cache is cleared when the
 * lists change. With no list loaded it throws, so the decision goes to review with the reason. A tenant
 * whose operator switched screening off gets `screened: false`. Hits a reviewer judged false positives
 * for the party the event names do not count while the party and the entry are unchanged; that lookup
 * is the only asynchronous step and only happens when a name has hits.
 */
export function partyScreener(
  screening: ScreeningService,
  o: {
    settings?: TenantScreeningSettings;
    heldFalsePositives?: (
      tenantId: string,
      partyId: string,
      hits: readonly { listId: string; entryId: string }[],
    ) => Promise<Set<string>>;
    size?: number;
  } = {},
): PartyScreener & { clear(): void } {
  const size = o.size ?? 50_000;
  const cache = new Map<string, Hit[]>();
  const hitsOf = (p: Parameters<PartyScreener>[0]): Hit[] => {
    const key = `${p.kind}\u0000${p.country ?? ''}\u0000${p.name}`;
    const known = cache.get(key);
    if (known) return known;
    const r = screening.screen({
      name: p.name,
      kind: p.kind === 'organization' ? 'organisation' : 'person',
      ...(p.country ? { country: p.country } : {}),
    });
    const hits = r.hits.slice(0, 10);
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(key, hits);
    return hits;
  };
  const run = (p: Parameters<PartyScreener>[0], enabled: boolean): Screening | Promise<Screening> => {
    if (!enabled) return offForTenant;
    const hits = hitsOf(p);
    if (!hits.length || !o.heldFalsePositives || !p.partyId) return outcome(hits);
    return o
      .heldFalsePositives(p.tenantId, p.partyId, hits)
      .then((held) => outcome(hits.filter((h) => !held.has(`${h.listId}\u0000${h.entryId}`))));
  };
  const fn = ((p) => {
    const enabled = o.settings ? o.settings.enabledNow(p.tenantId) : true;
    return typeof enabled === 'boolean' ? run(p, enabled) : enabled.then((e) => run(p, e));
  }) as PartyScreener & { clear(): void };
  fn.clear = () => cache.clear();
  return fn;
}
