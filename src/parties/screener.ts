/**
 * Screening of a party on create and update: every name (all scripts, aliases) with DOB, nationality,
 * gender and IDs against the loaded lists; hits stored with the list versions used. A hit is the same
 * hit while the list entry id, what the entry showed (fingerprint) and the party's screening data
 * (screen key) are unchanged, so a reviewer's false-positive decision on it holds on later screens;
 * a changed party or entry gives a new, open hit.
 */
import type { Clock, Ids } from '../kernel/index.ts';
import type { Hit, ScreeningService } from '../screening/index.ts';
import type { C1Part, C2Part } from './core/classes.ts';
import { entryText, isPepList, mergeHits, screenQueries } from './core/screen-party.ts';
import type { StoredHit } from './core/types.ts';
import type { PartyKeyring } from './crypto/keyring.ts';
import type { PartyStore } from './storage/port.ts';

export interface ScreenOutcome {
  listVersions: string[];
  /** Every stored hit of this screen, decided ones included. */
  hits: StoredHit[];
}

export const hitAad = (tenantId: string, partyId: string, hitId: string): string =>
  `hit|${tenantId}|${partyId}|${hitId}`;

export class PartyScreener {
  constructor(
    private readonly o: {
      store: PartyStore;
      keyring: PartyKeyring;
      screening?: ScreeningService | undefined;
      clock: Clock;
      ids: Ids;
      isPepList?: (listId: string) => boolean;
    },
  ) {}

  async screen(
    p: { tenantId: string; partyId: string; version: number; screenKey: string; key: Buffer },
    c1: C1Part,
    c2: C2Part,
  ): Promise<ScreenOutcome> {
    const svc = this.o.screening;
    const versions = new Set<string>();
    const perName: Hit[][] = [];
    for (const q of screenQueries(c1, c2)) {
      if (!svc) break;
      const r = svc.screen(q);
      for (const v of r.listVersions) versions.add(v);
      perName.push(r.hits);
    }
    const listVersions = [...versions].sort();
    const fingerprint = await this.o.keyring.blindIndexer(p.tenantId);
    const now = this.o.clock.now();
    const pep = this.o.isPepList ?? isPepList;
    const rows: StoredHit[] = mergeHits(perName).map((h) => {
      const id = this.o.ids.next('phit');
      return {
        tenantId: p.tenantId,
        id,
        partyId: p.partyId,
        partyVersion: p.version,
        screenKey: p.screenKey,
        listId: h.listId,
        entryId: h.entryId,
        entryFp: fingerprint('entry', entryText(h)),
        matchedName: h.matchedName,
        score: h.score,
        recommendation: h.recommendation,
        sanctions: !pep(h.listId),
        listVersions,
        sealed: this.o.keyring.sealJson(p.key, h, hitAad(p.tenantId, p.partyId, id)),
        status: 'open',
        decidedBy: null,
        decidedAt: null,
        reason: null,
        firstSeenAt: now,
        lastScreenedAt: now,
      };
    });
    // Stored rows keep their first id (and seal); the seal's AAD names that id.
    const hits = await this.o.store.upsertHits(rows);
    await this.o.store.addScreen({
      tenantId: p.tenantId,
      id: this.o.ids.next('pscr'),
      partyId: p.partyId,
      partyVersion: p.version,
      listVersions,
      hitIds: hits.map((h) => h.id),
      at: now,
    });
    return { listVersions, hits };
  }
}
