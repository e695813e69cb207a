import type { PartyScreener } from '../monitoring/index.ts';
import type { ScreeningService } from '../screening/index.ts';

/**
 * The decision engine's view of the screening service: the best hit per name, cached, because the
 * same counterparties come back again and again and a screen costs ~0.5 ms. The cache is cleared
 * when the lists change (a new list version can create hits).
 */
export function partyScreener(screening: ScreeningService, size = 50_000): PartyScreener & { clear(): void } {
  const cache = new Map<string, ReturnType<PartyScreener>>();
  const fn = ((p) => {
    const key = `${p.kind}\u0000${p.country ?? ''}\u0000${p.name}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const r = screening.screen({
      name: p.name,
      kind: p.kind === 'organization' ? 'organisation' : 'person',
      ...(p.country ? { country: p.country } : {}),
    });
    const best = r.hits[0];
    const out = best
      ? {
          screened: true,
          score: best.score,
          hit: true,
          block: best.recommendation === 'block' && !best.weakOnly,
          listId: best.listId,
          entryId: best.entryId,
        }
      : { screened: true, score: 0, hit: false, block: false, listId: '', entryId: '' };
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(key, out);
    return out;
  }) as PartyScreener & { clear(): void };
  fn.clear = () => cache.clear();
  return fn;
}
