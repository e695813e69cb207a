import type { PastPurchase } from './core/recommend.ts';
import type { Acknowledgement, Assessment, Product, ProfessionalStatus } from './core/types.ts';
import { mergeSuitabilitySettings, type SuitabilitySettings } from './settings.ts';
import type { ProfessionalRecord, SuitabilitySnapshot } from './storage/port.ts';

export interface Purchase extends PastPurchase {
  eventId: string;
  customerId: string;
  amountMinor: number;
  currency: string;
}

const k = (a: string, b: string): string => `${a}\u0000${b}`;

/** A professional record as the pure core sees it: only an approved, unrevoked one is a status. */
export function professionalOf(r: ProfessionalRecord | undefined): ProfessionalStatus | undefined {
  return r && r.state === 'approved' && r.approvedBy && r.since !== undefined
    ? { basis: r.basis, grantedBy: r.proposedBy, approvedBy: r.approvedBy, since: r.since, until: r.until }
    : undefined;
}

/**
 * What the decision path reads, in memory: each customer's latest assessment and professional status,
 * the product catalogue, acknowledgements and settings (loaded from the store at start, then kept up
 * to date by the service's writes on this node), and purchases (rebuilt from stored decisions).
 */
export class SuitabilityMemory {
  private readonly assessments = new Map<string, Assessment>();
  private readonly professionals = new Map<string, ProfessionalRecord>();
  private readonly products = new Map<string, Product>();
  private readonly acks = new Map<string, Acknowledgement[]>();
  private readonly settingsOf = new Map<string, SuitabilitySettings>();
  private readonly purchasesOf = new Map<string, Purchase[]>();
  private readonly purchaseById = new Map<string, Purchase>();

  load(s: SuitabilitySnapshot): void {
    for (const a of s.assessments) this.setAssessment(a);
    for (const p of s.products) this.setProduct(p);
    for (const a of s.acknowledgements) this.addAcknowledgement(a);
    for (const r of s.professionals) this.setProfessional(r);
    for (const x of s.settings) this.setSettings(x.tenantId, mergeSuitabilitySettings(x.doc));
  }

  setAssessment(a: Assessment): void {
    const key = k(a.tenantId, a.customerId);
    const had = this.assessments.get(key);
    if (!had || had.assessedAt <= a.assessedAt) this.assessments.set(key, a);
  }
  assessment(tenantId: string, customerId: string): Assessment | undefined {
    return this.assessments.get(k(tenantId, customerId));
  }
  setProfessional(r: ProfessionalRecord): void {
    this.professionals.set(k(r.tenantId, r.customerId), r);
  }
  professional(tenantId: string, customerId: string): ProfessionalStatus | undefined {
    return professionalOf(this.professionals.get(k(tenantId, customerId)));
  }
  /** Professional-investor proposals still waiting for their second operator (the console's queue). */
  proposedProfessionals(tenantId: string): ProfessionalRecord[] {
    return [...this.professionals.values()].filter((r) => r.tenantId === tenantId && r.state === 'proposed');
  }
  setProduct(p: Product): void {
    this.products.set(k(p.tenantId, p.id), p);
  }
  product(tenantId: string, id: string): Product | undefined {
    return this.products.get(k(tenantId, id));
  }
  addAcknowledgement(a: Acknowledgement): void {
    const key = k(a.tenantId, a.customerId);
    this.acks.set(key, [...(this.acks.get(key) ?? []), a]);
  }
  acknowledgements(tenantId: string, customerId: string): readonly Acknowledgement[] {
    return this.acks.get(k(tenantId, customerId)) ?? [];
  }
  setSettings(tenantId: string, s: SuitabilitySettings): void {
    this.settingsOf.set(tenantId, s);
  }
  settings(tenantId: string): SuitabilitySettings {
    return this.settingsOf.get(tenantId) ?? mergeSuitabilitySettings(undefined);
  }

  /** Records a purchase; returns the undo. */
  addPurchase(tenantId: string, p: Purchase): () => void {
    const key = k(tenantId, p.customerId);
    const list = this.purchasesOf.get(key) ?? [];
    list.push(p);
    this.purchasesOf.set(key, list);
    this.purchaseById.set(k(tenantId, p.eventId), p);
    return () => {
      const i = list.indexOf(p);
      if (i >= 0) list.splice(i, 1);
      if (this.purchaseById.get(k(tenantId, p.eventId)) === p) this.purchaseById.delete(k(tenantId, p.eventId));
    };
  }
  purchases(tenantId: string, customerId: string): readonly Purchase[] {
    return this.purchasesOf.get(k(tenantId, customerId)) ?? [];
  }
  purchase(tenantId: string, eventId: string): Purchase | undefined {
    return this.purchaseById.get(k(tenantId, eventId));
  }
}
