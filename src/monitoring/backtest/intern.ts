import type { NormalizedEvent, NormalizedParty } from '../core/normalize.ts';

/**
 * One string per entity id across a replay's events. Parsed rows give every event its own copy of an
 * account id; feature windows look each id up in maps of every entity, and a hit on the very string the
 * map holds is compared by identity (and its hash is already known) instead of character by character
 * through another cache line. Measured on AMLSim 20K: about 10% more events per CPU-second for the
 * aml-typologies pack. The values are unchanged, so are the decisions.
 */
export class EntityInterner {
  private readonly pool = new Map<string, string>();

  private id(s: string): string {
    const held = this.pool.get(s);
    if (held !== undefined) return held;
    this.pool.set(s, s);
    return s;
  }

  private party(p: NormalizedParty): NormalizedParty {
    return {
      ...p,
      partyId: this.id(p.partyId),
      ...(p.accountId === undefined ? {} : { accountId: this.id(p.accountId) }),
    };
  }

  /** The event with its parties' and device's ids replaced by the pooled strings (a new object). */
  event(e: NormalizedEvent): NormalizedEvent {
    const d = e.device;
    return {
      ...e,
      ...(e.debtor ? { debtor: this.party(e.debtor) } : {}),
      ...(e.creditor ? { creditor: this.party(e.creditor) } : {}),
      ...(d
        ? {
            device: {
              ...d,
              ...(d.id === undefined ? {} : { id: this.id(d.id) }),
              ...(d.ip === undefined ? {} : { ip: this.id(d.ip) }),
            },
          }
        : {}),
    };
  }
}
