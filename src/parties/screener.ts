/**
 * Screening of a party on create and update: every name (all scripts, aliases) with DOB, nationality,
 * gender and IDs against the loaded lists; hits stored with the list versions used. A hit is the same
 * hit while the list entry (its id and the content hash of the entry as loaded, blind-indexed) and the
 * party's screening data (screen key) are unchanged, so a reviewer's false-positive decision on it
 * holds on later screens and in event decisions naming the party; a changed party or entry gives a
 * new, open hit.
 */
import type { Clock, Ids } from '../kernel/index.ts';
import type { Hit, ScreeningService } from '../screening/index.ts';
import { currentHits } from './rater.ts';
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
    // With no list loaded there is nothing to screen against: the screen is recorded with no versions.
    for (const q of screenQueries(c1, c2)) {
      if (!svc?.ready) break;
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
        entryFp: fingerprint('entry', this.entryKey(h)),
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

  /** The list entry as loaded (id and content hash); falls back to what the hit showed of it. */
  private entryKey(h: { listId: string; entryId: string }): string {
    const hash = this.o.screening?.entryHash(h.listId, h.entryId);
    return hash ? `${h.listId}\u0000${h.entryId}\u0000${hash}` : entryText(h as Hit);
  }

  /**
   * The hits (as `listId\u0000entryId`) a reviewer judged false positives for the party an event names
   * (its id or external id): only from the party's newest screening, only while its screening data is
   * the current version's and the entry is unchanged. An event id naming several parties holds nothing.
   */
  async heldFalsePositives(
    tenantId: string,
    eventPartyId: string,
    hits: readonly { listId: string; entryId: string }[],
  ): Promise<Set<string>> {
    const held = new Set<string>();
    const byExternal = await this.o.store.findByExternalId(tenantId, eventPartyId);
    const direct = await this.o.store.getParty(tenantId, eventPartyId);
    const ids = [...new Set([...(direct ? [direct.id] : []), ...byExternal])];
    if (ids.length !== 1) return held;
    const head = direct ?? (await this.o.store.getParty(tenantId, ids[0] as string));
    if (!head || head.erasedAt !== null) return held;
    const v = await this.o.store.getVersion(tenantId, head.id, head.version);
    if (!v) return held;
    const fps = (await currentHits(this.o.store, tenantId, head.id)).filter(
      (h) => h.status === 'false_positive' && h.screenKey === v.screenKey,
    );
    if (!fps.length) return held;
    const fingerprint = await this.o.keyring.blindIndexer(tenantId);
    for (const h of hits) {
      const fp = fingerprint('entry', this.entryKey(h));
      if (fps.some((x) => x.listId === h.listId && x.entryId === h.entryId && x.entryFp === fp))
        held.add(`${h.listId}\u0000${h.entryId}`);
    }
    return held;
  }
}
