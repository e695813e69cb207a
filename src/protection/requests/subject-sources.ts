/**
 * SubjectSources over the platform's own modules, for the composition root. Nothing here copies the
 * erasure: deletion goes through the parties module's erase (which calls the platform's `eraseSubject`
 * for the party id and external id, the same function as POST /v1/data-subjects/{subject}/erase), or
 * straight to `eraseSubject` when no party record exists, and through the complaints service's erase.
 */
import type { EraseSubject } from '../../access/index.ts';
import type { PartiesModule, PartyActor } from '../../parties/index.ts';
import type { Store } from '../../store/index.ts';
import type { ComplaintService } from '../service.ts';
import { complaintActor } from '../permissions.ts';
import type { SubjectSources } from './sources.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const partyIdOf = (e: unknown, side: 'debtor' | 'creditor'): string | undefined => {
  const p = isObj(e) ? e[side] : undefined;
  return isObj(p) && typeof p.partyId === 'string' ? p.partyId : undefined;
};

export function platformSubjectSources(o: {
  /** The event store that opens sealed personal fields (the sealing store). */
  events: Store;
  parties: () => PartiesModule | undefined;
  complaints: ComplaintService;
  eraseSubject: EraseSubject;
}): SubjectSources {
  const partyActor = (tenantId: string, actorId: string): PartyActor => ({
    tenantId,
    actorId,
    permissions: ['parties:read', 'parties:reveal', 'parties:erase'],
  });
  // The subject may be named by the platform's party id or by its own customer id (externalId).
  const partyIds = async (tenantId: string, subject: string): Promise<string[]> => {
    const p = o.parties();
    if (!p) return [];
    const byExternal = await p.store.findByExternalId(tenantId, subject);
    const direct = (await p.store.getParty(tenantId, subject)) ? [subject] : [];
    return [...new Set([...direct, ...byExternal])];
  };
  const complaintsOf = async (tenantId: string, actorId: string, subject: string) => {
    const a = complaintActor({ tenantId, userId: actorId, roles: ['admin'] });
    const out = [];
    let after: string | undefined;
    for (;;) {
      const page = await o.complaints.list(a, { after, limit: 500 });
      out.push(...page.filter((c) => c.customerId === subject));
      if (page.length < 500) break;
      after = page.at(-1)?.id;
    }
    return { a, list: out };
  };
  return {
    async party(tenantId, actorId, subject) {
      const p = o.parties();
      const ids = await partyIds(tenantId, subject);
      if (!p || !ids.length) return undefined;
      const views = [];
      for (const id of ids)
        views.push(
          await p.parties.view(partyActor(tenantId, actorId), id, {
            reveal: true,
            reason: 'data-subject access request',
          }),
        );
      return views.length === 1 ? views[0] : views;
    },

    async events(tenantId, subject) {
      const names = new Set([subject, ...(await partyIds(tenantId, subject))]);
      const out: { id: string; event: unknown; decision: unknown }[] = [];
      let after = 0;
      for (;;) {
        const page = await o.events.scanTenantDecisions(
          tenantId,
          { fromTime: 0, toTime: Number.MAX_SAFE_INTEGER },
          after,
          1000,
        );
        for (const d of page) {
          const debtor = partyIdOf(d.event, 'debtor');
          const creditor = partyIdOf(d.event, 'creditor');
          if ((debtor && names.has(debtor)) || (creditor && names.has(creditor)))
            out.push({ id: d.eventId, event: d.event, decision: d.decision });
        }
        if (page.length < 1000) break;
        after = page.at(-1)?.seq ?? after;
      }
      return out;
    },

    async complaints(tenantId, actorId, subject) {
      const { a, list } = await complaintsOf(tenantId, actorId, subject);
      const out = [];
      for (const c of list)
        out.push(await o.complaints.view(a, c.id, { reveal: true, reason: 'data-subject access request' }));
      return out;
    },

    async erase(tenantId, actorId, subject) {
      const p = o.parties();
      const ids = await partyIds(tenantId, subject);
      let eventKeys = 0;
      let reports = 0;
      if (p && ids.length) {
        for (const id of ids)
          if (!(await p.store.getParty(tenantId, id))?.erasedAt)
            await p.parties.erase(partyActor(tenantId, actorId), id);
      }
      // Events may name the subject by an id no party record holds: shred those too (idempotent).
      for (const s of new Set([subject, ...ids])) {
        const done = await o.eraseSubject(tenantId, s);
        eventKeys += done.eventKeys;
        reports += done.reports;
      }
      const { a, list } = await complaintsOf(tenantId, actorId, subject);
      let complaints = 0;
      for (const c of list) if ((await o.complaints.erase(a, c.id)).erased) complaints++;
      return { eventKeys, reports, party: ids.length > 0, complaints };
    },
  };
}
