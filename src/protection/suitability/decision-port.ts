import type { NormalizedEvent, SuitabilityInput, SuitabilityPort } from '../../monitoring/index.ts';
import { checkPurchase, inCoolingOff } from './core/matching.ts';
import type { SuitabilityMemory } from './memory.ts';

type Err = { featureId: string; message: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The investor: attribute `customerId`, else the paying party of a purchase, the paid party of a redemption. */
export function investorOf(e: NormalizedEvent): string | undefined {
  const explicit = str(e.attributes.customerId);
  if (explicit) return explicit;
  const p = e.type === 'investment_purchase' ? (e.debtor ?? e.creditor) : (e.creditor ?? e.debtor);
  return p?.partyId;
}

const purchaseFields = ['category', 'productRisk', 'matched', 'expired', 'acknowledged', 'allowed', 'professional'];
const exitTypes = new Set(['investment_redemption', 'investment_cancellation']);

/**
 * Records an allowed purchase in memory: shared by the decision path (once the decision is committed)
 * and the rebuild from stored decisions.
 */
export function recordPurchase(m: SuitabilityMemory, tenantId: string, e: NormalizedEvent): (() => void) | undefined {
  const customerId = investorOf(e);
  const productId = str(e.attributes.productId);
  if (e.type !== 'investment_purchase' || !customerId || !productId) return undefined;
  return m.addPurchase(tenantId, {
    eventId: e.id,
    customerId,
    productId,
    risk: m.product(tenantId, productId)?.risk ?? 0,
    at: e.time,
    amountMinor: e.amount?.minor ?? 0,
    currency: e.amount?.currency ?? '',
  });
}

/**
 * The engine's suitability port. On `investment_purchase`: the customer's category, the product's
 * risk and the matching verdict (acknowledgement, expiry, professional status); once the decision is
 * committed with the outcome `allow`, the purchase is kept for the cooling-off period and for
 * recommendations (a blocked or held purchase never counts). On `investment_redemption` and
 * `investment_cancellation`: whether the purchase (attribute `purchaseId`, else the customer's latest
 * purchase of the product) is within the cooling-off period, and its amount. A field the rules need
 * that cannot be known (no assessment, unknown product, no purchase) is an error: the decision fails
 * closed. In memory only: no I/O on the decision path.
 */
export function suitabilityPort(m: SuitabilityMemory): SuitabilityPort {
  return (tenantId, event, _features, needs) => {
    const purchase = event.type === 'investment_purchase';
    if (!purchase && !exitTypes.has(event.type)) return undefined;
    const errors: Err[] = [];
    const need = (fields: readonly string[], featureId: string, message: string): void => {
      if (fields.some((f) => needs.has(f))) errors.push({ featureId: `suitability.${featureId}`, message });
    };
    const settings = m.settings(tenantId);
    const customerId = investorOf(event);
    const productId = str(event.attributes.productId);
    const assessment = customerId ? m.assessment(tenantId, customerId) : undefined;
    const professional = customerId ? m.professional(tenantId, customerId) : undefined;
    const product = productId ? m.product(tenantId, productId) : undefined;
    const base: SuitabilityInput = {
      checked: false,
      category: assessment?.level ?? 0,
      professional: false,
      productRisk: product?.risk ?? 0,
      matched: false,
      expired: false,
      acknowledged: false,
      allowed: false,
      coolingOff: false,
      coolingOffHours: settings.coolingOffHours,
      purchaseMinor: 0,
    };
    if (purchase) {
      if (!customerId) need(purchaseFields, 'category', 'the event names no customer');
      else if (!assessment && !professional)
        need(purchaseFields, 'category', `customer ${customerId} has no risk assessment`);
      if (!productId) need(purchaseFields, 'productRisk', 'the event has no attribute productId');
      else if (!product) need(purchaseFields, 'productRisk', `product ${productId} is not in the catalogue`);
      // A purchase counts (cooling-off, past behaviour) only once its decision is durable and allowed:
      // a blocked or held one was never made.
      const committed = (outcome: string): void => {
        if (outcome === 'allow') recordPurchase(m, tenantId, event);
      };
      if (!product || !customerId) return { input: base, errors, committed };
      const v = checkPurchase({
        assessment,
        professional,
        product,
        acknowledgements: m.acknowledgements(tenantId, customerId),
        policies: settings.mismatch,
        now: event.time,
      });
      const input: SuitabilityInput = {
        ...base,
        checked: true,
        category: v.category,
        professional: v.professional,
        matched: v.matched,
        expired: v.expired,
        acknowledged: v.acknowledged,
        allowed: v.allowed,
      };
      return { input, errors, committed };
    }
    const purchaseId = str(event.attributes.purchaseId);
    const bought = purchaseId
      ? m.purchase(tenantId, purchaseId)
      : customerId && productId
        ? m
            .purchases(tenantId, customerId)
            .filter((p) => p.productId === productId && p.at <= event.time)
            .at(-1)
        : undefined;
    if (!bought)
      need(
        ['coolingOff', 'purchaseMinor'],
        'coolingOff',
        purchaseId ? `purchase ${purchaseId} is not known` : 'no purchase of this product by this customer is known',
      );
    const input: SuitabilityInput = {
      ...base,
      checked: bought !== undefined,
      coolingOff: bought ? inCoolingOff(bought.at, event.time, settings.coolingOffHours) : false,
      purchaseMinor: bought && bought.currency === event.amount?.currency ? bought.amountMinor : 0,
    };
    return { input, errors };
  };
}
