import type { PartyFacts, PartyFactsPort } from '../cases/index.ts';
import type { PartiesModule } from '../parties/index.ts';

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x) as Obj[]) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The cases module's view of the parties module for reports: the party the events name (by its id, or
 * by the external id the platform gave it), read in clear by the operator drafting the report — an
 * audited reveal, as any other.
 */
export function partyFactsFrom(parties: () => PartiesModule | undefined): PartyFactsPort {
  return async (tenantId, partyId, actorId) => {
    const m = parties();
    if (!m) return undefined;
    let id = (await m.store.getParty(tenantId, partyId))?.id;
    // External ids are not indexed: a bounded scan (a tenant's customers, 200 pages of 500).
    for (let after = '', page = 0; !id && page < 200; page++) {
      const rows = await m.store.listParties(tenantId, { after, limit: 500 });
      id = rows.find((r) => r.externalId === partyId)?.id;
      if (rows.length < 500) break;
      after = (rows[rows.length - 1] as { id: string }).id;
    }
    if (!id) return undefined;
    const view = await m.parties.view({ tenantId, actorId, permissions: ['parties:read', 'parties:reveal'] }, id, {
      reveal: true,
    });
    if (view.current.pii !== 'clear') return undefined;
    const d = view.current.data;
    const names = list(d.names);
    const name = names.find((n) => n.kind === 'primary' || n.kind === undefined) ?? names[0];
    const doc = list(d.idDocuments)[0];
    const address = list(d.addresses)[0];
    const facts: PartyFacts = {
      name: str(name?.full),
      idType: str(doc?.type),
      idNumber: str(doc?.number),
      nationality: Array.isArray(d.nationalities) ? str(d.nationalities[0]) : undefined,
      address: address ? [str(address.line), str(address.city)].filter(Boolean).join(', ') : undefined,
      phone: Array.isArray(d.phones) ? str(d.phones[0]) : undefined,
      occupation: str(d.occupation),
    };
    return facts;
  };
}
