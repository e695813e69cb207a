import { parseMoney } from '../../kernel/index.ts';
import type { DecisionCommitted } from '../../monitoring/index.ts';
import type { AlertRecord, MovementRecord, Priority } from './types.ts';

/** A committed decision as monitoring publishes it (its `DecisionCommitted` contract). */
export type CommittedDecision = DecisionCommitted;

interface Party {
  partyId?: string;
  accountId?: string;
  isCustomer?: boolean;
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function partyOf(v: unknown): Party | undefined {
  const p = obj(v);
  const partyId = str(p.partyId);
  if (!partyId) return undefined;
  return {
    partyId,
    ...(str(p.accountId) ? { accountId: str(p.accountId) } : {}),
    ...(p.isCustomer === false ? { isCustomer: false } : {}),
  };
}

/** Money coming in to the platform's customer: the creditor is the customer. */
const inbound = new Set(['cash_deposit', 'loan_disbursement', 'investment_redemption']);

/**
 * The customer an alert is about: the party on the platform's side of the movement (the creditor for
 * deposits, disbursements and redemptions; otherwise the debtor), skipping parties marked as not our
 * customer.
 */
export function customerOf(type: string, event: unknown): string {
  const e = obj(event);
  const debtor = partyOf(e.debtor);
  const creditor = partyOf(e.creditor);
  const order = inbound.has(type) ? [creditor, debtor] : [debtor, creditor];
  const mine = order.find((p) => p && p.isCustomer !== false) ?? order.find((p) => p);
  return mine?.partyId ?? 'unknown';
}

/** Priority from the score: block is never below high. */
export function priorityOf(score: number, outcome: string): Priority {
  const p: Priority = score >= 80 ? 'critical' : score >= 50 ? 'high' : score >= 20 ? 'medium' : 'low';
  if (outcome === 'block' && (p === 'low' || p === 'medium')) return 'high';
  return p;
}

export type AlertDraft = Omit<AlertRecord, 'id' | 'caseId' | 'createdAt'>;

/**
 * The alerts one committed decision raises: one per typology (or rule, when a rule has none) when the
 * outcome is review or block, and one per obligation whatever the outcome.
 */
export function alertsOf(d: CommittedDecision): AlertDraft[] {
  const dec = d.decision;
  const score = dec.score;
  const customerId = customerOf(d.type, d.event);
  const base = {
    tenantId: d.tenantId,
    eventId: d.eventId,
    decisionSeq: d.seq,
    customerId,
    occurredAt: d.occurredAt,
    reportId: null,
  };
  const out: AlertDraft[] = [];
  if (d.outcome !== 'allow') {
    const byType = new Map<string, { rules: string[]; weight: number }>();
    for (const r of dec.reasons) {
      if (!r.ruleId) continue;
      const type = str(r.typology) ?? r.ruleId;
      const g = byType.get(type) ?? { rules: [], weight: 0 };
      g.rules.push(r.ruleId);
      g.weight += r.weight;
      byType.set(type, g);
    }
    if (byType.size === 0) byType.set('unexplained', { rules: [], weight: score });
    for (const [type, g] of byType) {
      out.push({
        ...base,
        source: 'decision',
        type,
        code: d.outcome,
        ruleIds: g.rules,
        score,
        priority: priorityOf(score, d.outcome),
        dueBy: null,
      });
    }
  }
  for (const o of dec.obligations) {
    if (!o.kind || !o.code) continue;
    out.push({
      ...base,
      source: 'obligation',
      type: o.kind,
      code: o.code,
      ruleIds: o.ruleId ? [o.ruleId] : [],
      score,
      priority: priorityOf(score, d.outcome),
      dueBy: o.dueBy || null,
    });
  }
  return out;
}

/** The money movement of an event, for timelines and the counterparty graph; undefined when it has no parties. */
export function movementOf(d: CommittedDecision): MovementRecord | undefined {
  const e = obj(d.event);
  const debtor = partyOf(e.debtor);
  const creditor = partyOf(e.creditor);
  if (!debtor && !creditor) return undefined;
  const amount = obj(e.amount);
  const value = str(amount.value);
  const currency = str(amount.currency);
  const money = value && currency ? parseMoney(value, currency) : undefined;
  return {
    tenantId: d.tenantId,
    eventId: d.eventId,
    seq: d.seq,
    type: d.type,
    occurredAt: d.occurredAt,
    outcome: d.outcome,
    debtorParty: debtor?.partyId ?? null,
    debtorAccount: debtor?.accountId ?? null,
    creditorParty: creditor?.partyId ?? null,
    creditorAccount: creditor?.accountId ?? null,
    amountMinor: money?.ok ? money.value.minor : null,
    currency: money?.ok ? (currency ?? null) : null,
  };
}

const rank: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const maxPriority = (a: Priority, b: Priority): Priority => (rank[b] > rank[a] ? b : a);
