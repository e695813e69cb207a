/**
 * Re-rates a party from what is stored: its clear (C1) factors, the hits of its current screening
 * data, and its ownership graph. No decryption is needed, so a rating survives crypto-shredding.
 */
import type { Clock, Ids } from '../kernel/index.ts';
import { MAX_OWNERSHIP_DEPTH, ownershipFacts, type OwnerNode } from './core/ownership.ts';
import { rateParty } from './core/rating.ts';
import type { StoredHit, StoredRating } from './core/types.ts';
import type { PartyStore } from './storage/port.ts';

/** The stored hits (with their decisions) of the party's newest screening. */
export async function currentHits(store: PartyStore, tenantId: string, partyId: string): Promise<StoredHit[]> {
  const screen = await store.latestScreen(tenantId, partyId);
  if (!screen?.hitIds.length) return [];
  const ids = new Set(screen.hitIds);
  return (await store.listHits(tenantId, partyId)).filter((h) => ids.has(h.id));
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export class PartyRater {
  constructor(private readonly o: { store: PartyStore; clock: Clock; ids: Ids }) {}

  private async node(tenantId: string, id: string): Promise<OwnerNode | undefined> {
    const head = await this.o.store.getParty(tenantId, id);
    if (!head) return undefined;
    const v = await this.o.store.getVersion(tenantId, id, head.version);
    return { kind: head.kind, owners: v?.clear.owners ?? [] };
  }

  /** Loads the owner graph above `owners`, breadth-first, as deep as the opacity rule looks. */
  async ownerGraph(tenantId: string, owners: readonly { partyId: string }[]): Promise<Map<string, OwnerNode>> {
    const graph = new Map<string, OwnerNode>();
    let frontier = owners.map((o) => o.partyId);
    for (let depth = 0; frontier.length && depth <= MAX_OWNERSHIP_DEPTH; depth++) {
      const next: string[] = [];
      for (const id of frontier) {
        if (graph.has(id)) continue;
        const n = await this.node(tenantId, id);
        if (!n) continue;
        graph.set(id, n);
        for (const o of n.owners) if (!graph.has(o.partyId)) next.push(o.partyId);
      }
      frontier = next;
    }
    return graph;
  }

  async rate(
    tenantId: string,
    partyId: string,
    trigger: string,
    listVersions?: string[],
  ): Promise<StoredRating | undefined> {
    const head = await this.o.store.getParty(tenantId, partyId);
    if (!head) return undefined;
    const v = await this.o.store.getVersion(tenantId, partyId, head.version);
    if (!v) return undefined;
    const c = v.clear;
    const hits = await currentHits(this.o.store, tenantId, partyId);
    const ownership =
      head.kind === 'organisation'
        ? ownershipFacts(c.owners ?? [], await this.ownerGraph(tenantId, c.owners ?? []))
        : undefined;
    const now = this.o.clock.now();
    const rating = rateParty({
      day: day(now),
      kind: head.kind,
      countries: [...(c.nationalities ?? []), ...(c.residence ? [c.residence] : [])],
      ...(c.pep !== undefined ? { pep: c.pep } : {}),
      ...(c.occupation !== undefined ? { occupation: c.occupation } : {}),
      ...(c.products !== undefined ? { products: c.products } : {}),
      ...(c.channel !== undefined ? { channel: c.channel } : {}),
      ...(c.transactions !== undefined ? { transactions: c.transactions } : {}),
      ...(ownership ? { ownership } : {}),
      hits,
    });
    const previous = listVersions ?? (await this.o.store.latestScreen(tenantId, partyId))?.listVersions ?? [];
    const stored: StoredRating = {
      ...rating,
      tenantId,
      id: this.o.ids.next('prat'),
      partyId,
      partyVersion: v.version,
      trigger,
      listVersions: previous,
      at: now,
    };
    await this.o.store.addRating(stored);
    return stored;
  }

  /** Re-rates the organisations above a changed party (its owners' opacity may have changed). */
  async rateOwnedBy(tenantId: string, partyId: string): Promise<void> {
    const seen = new Set<string>([partyId]);
    let frontier = [partyId];
    for (let depth = 0; frontier.length && depth < MAX_OWNERSHIP_DEPTH; depth++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const up of await this.o.store.ownedBy(tenantId, id)) {
          if (seen.has(up)) continue;
          seen.add(up);
          next.push(up);
          await this.rate(tenantId, up, 'owner_changed');
        }
      }
      frontier = next;
    }
  }
}
