import { formatMoney } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { buildGraph, type CounterpartyGraph } from './core/graph.ts';
import type { MovementRecord, TimelineItem } from './core/types.ts';
import type { Viewer } from './service.ts';
import { isStrRelated, strCaseIds } from './tipping-off.ts';
import type { CaseStore } from './storage/port.ts';
export type { TimelineItem };

interface DecisionShape {
  score?: number;
  reasons?: { ruleId: string }[];
  obligations?: { kind: string; code: string; dueBy: string }[];
}

/** The investigation views: a customer's timeline and the counterparty graph around an account. */
export class Investigation {
  constructor(private readonly o: { store: Store; cases: CaseStore }) {}

  async timeline(
    v: Viewer,
    partyId: string,
    f: { from?: number; to?: number; limit: number },
  ): Promise<TimelineItem[]> {
    const moves = await this.o.cases.movementsOfParty(v.tenantId, partyId, f);
    const items: TimelineItem[] = [];
    for (const m of moves) {
      const stored = await this.o.store.getDecision(v.tenantId, m.eventId);
      const d = (stored?.decision ?? {}) as DecisionShape;
      const out = m.debtorParty === partyId;
      items.push({
        kind: 'event',
        at: m.occurredAt,
        eventId: m.eventId,
        type: m.type,
        direction: out && m.creditorParty === partyId ? 'other' : out ? 'out' : 'in',
        amount:
          m.amountMinor !== null && m.currency ? formatMoney({ minor: m.amountMinor, currency: m.currency }) : null,
        currency: m.currency,
        counterparty: out ? m.creditorParty : m.debtorParty,
        outcome: m.outcome,
        score: typeof d.score === 'number' ? d.score : null,
        ruleIds: (d.reasons ?? []).map((r) => r.ruleId),
        obligations: (d.obligations ?? []).map((o) => ({ kind: o.kind, code: o.code, dueBy: o.dueBy })),
      });
    }
    const alerts = await this.o.cases.listAlerts(v.tenantId, { customerId: partyId, limit: f.limit });
    const strCases = new Set<string>();
    if (!v.seesStr) {
      const known = await strCaseIds(this.o.cases, v.tenantId);
      for (const caseId of new Set(alerts.map((a) => a.caseId))) {
        const c = await this.o.cases.getCase(v.tenantId, caseId);
        if (c && (await isStrRelated(this.o.cases, c, known))) strCases.add(caseId);
      }
    }
    for (const a of alerts) {
      if (strCases.has(a.caseId)) continue;
      if ((f.from !== undefined && a.occurredAt < f.from) || (f.to !== undefined && a.occurredAt >= f.to)) continue;
      items.push({
        kind: 'alert',
        at: a.occurredAt,
        alertId: a.id,
        caseId: a.caseId,
        source: a.source,
        type: a.type,
        code: a.code,
      });
    }
    return items.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1));
  }

  /** Breadth first from `account`, `hops` deep, over movements in the time range; at most `maxMovements` read. */
  async graph(
    v: Viewer,
    account: string,
    f: { hops: number; from?: number; to?: number; maxMovements: number },
  ): Promise<CounterpartyGraph> {
    const hopOf = new Map<string, { hop: number; party: string | null }>([[account, { hop: 0, party: null }]]);
    const all: MovementRecord[] = [];
    let frontier = [account];
    let truncated = false;
    for (let hop = 1; hop <= f.hops && frontier.length > 0; hop++) {
      const budget = f.maxMovements - all.length;
      const range = { ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}) };
      const moves = await this.o.cases.movementsOfAccounts(v.tenantId, frontier, { ...range, limit: budget + 1 });
      if (moves.length > budget) {
        truncated = true;
        moves.length = budget;
      }
      all.push(...moves);
      const next: string[] = [];
      for (const m of moves) {
        for (const [acc, party] of [
          [m.debtorAccount, m.debtorParty],
          [m.creditorAccount, m.creditorParty],
        ] as const) {
          if (!acc) continue;
          const known = hopOf.get(acc);
          if (known) {
            if (known.party === null && party) known.party = party;
            continue;
          }
          hopOf.set(acc, { hop, party });
          next.push(acc);
        }
      }
      if (truncated) break;
      frontier = next;
    }
    return buildGraph(account, hopOf, all, truncated);
  }
}
