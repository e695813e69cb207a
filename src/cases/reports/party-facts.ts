import { partyOf } from '../core/alerts.ts';

/** What a report needs to know about a customer, from the KYC (party) record. */
export interface PartyFacts {
  name?: string | undefined;
  idType?: string | undefined;
  idNumber?: string | undefined;
  /** ISO 3166-1 alpha-2. */
  nationality?: string | undefined;
  address?: string | undefined;
  phone?: string | undefined;
  occupation?: string | undefined;
}

/**
 * The party record of a customer the events name (by party id or external id), read for a report by
 * the operator drafting it (an audited reveal); undefined when there is no record. Wired by the runtime
 * to the parties module.
 */
export type PartyFactsPort = (tenantId: string, partyId: string, actorId: string) => Promise<PartyFacts | undefined>;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

const attributeOf: Record<keyof PartyFacts, string> = {
  name: 'Name',
  idType: 'IdType',
  idNumber: 'IdNumber',
  nationality: 'Nationality',
  address: 'Address',
  phone: 'Phone',
  occupation: 'Occupation',
};

/**
 * The event as the report builders read it, with the party record's facts for debtor and creditor
 * written over the event's own attributes (`debtorName`, `creditorIdNumber`, …): the record first, the
 * event as fallback (its attributes, then the party's `name`). Pure; the stored event is not changed.
 */
export function withPartyFacts(event: unknown, facts: ReadonlyMap<string, PartyFacts>): unknown {
  const e = obj(event);
  const attrs: Obj = { ...obj(e.attributes) };
  let changed = false;
  for (const role of ['debtor', 'creditor'] as const) {
    const id = partyOf(e[role])?.partyId;
    const f = id === undefined ? undefined : facts.get(id);
    // The name the event gives the party, when neither a record nor an attribute gives one.
    const named = obj(e[role]).name;
    if (attrs[`${role}Name`] === undefined && typeof named === 'string' && named.trim() !== '' && !f?.name) {
      attrs[`${role}Name`] = named;
      changed = true;
    }
    if (!f) continue;
    for (const [k, suffix] of Object.entries(attributeOf) as [keyof PartyFacts, string][]) {
      const v = f[k];
      if (typeof v === 'string' && v.trim() !== '') {
        attrs[`${role}${suffix}`] = v;
        changed = true;
      }
    }
  }
  return changed ? { ...e, attributes: attrs } : event;
}

/** Party ids of an event's debtor and creditor. */
export function partyIdsOf(event: unknown): string[] {
  const e = obj(event);
  return [partyOf(e.debtor)?.partyId, partyOf(e.creditor)?.partyId].filter((x): x is string => x !== undefined);
}

/** Looks up each named party once; a failing lookup leaves the event's own attributes in place. */
export async function collectFacts(
  port: PartyFactsPort | undefined,
  tenantId: string,
  actorId: string,
  events: readonly unknown[],
): Promise<Map<string, PartyFacts>> {
  const out = new Map<string, PartyFacts>();
  if (!port) return out;
  for (const id of new Set(events.flatMap(partyIdsOf))) {
    // A failing lookup is not fatal: the event's own attributes stay, and the completeness check names what is missing.
    const f = await port(tenantId, id, actorId).catch(() => undefined);
    if (f) out.set(id, f);
  }
  return out;
}
