import type { FeatureValue } from './features/state.ts';
import type { NormalizedEvent } from './normalize.ts';

/**
 * What rules see of investor suitability (CEL variable `suitability`) on investment events: the
 * customer's category C1–C5 and the product's risk R1–R5 as 1–5 (0: unknown), whether they match,
 * whether the assessment expired, whether an above-category purchase has the recorded risk-warning
 * acknowledgement, and on redemptions whether the purchase is still in its cooling-off period. The
 * runtime's suitability port fills it (in memory) before the rules run; the core only reads it.
 */
export interface SuitabilityInput {
  /** The event was checked (an investment event with a customer and a product). */
  readonly checked: boolean;
  readonly category: number;
  readonly professional: boolean;
  readonly productRisk: number;
  readonly matched: boolean;
  readonly expired: boolean;
  readonly acknowledged: boolean;
  /** The platform's matching policy lets the purchase proceed (matched, or acknowledged where allowed). */
  readonly allowed: boolean;
  /** Redemption/cancellation within the cooling-off period after the purchase. */
  readonly coolingOff: boolean;
  readonly coolingOffHours: number;
  /** On redemption/cancellation: the purchase's amount in minor units of the event's currency (0: unknown). */
  readonly purchaseMinor: number;
}

export const noSuitability: SuitabilityInput = {
  checked: false,
  category: 0,
  professional: false,
  productRisk: 0,
  matched: false,
  expired: false,
  acknowledged: false,
  allowed: false,
  coolingOff: false,
  coolingOffHours: 0,
  purchaseMinor: 0,
};

/**
 * Suitability on investment events, given to the engine by the runtime: synchronous, in memory. `needs`
 * are the fields the active rules read; a needed one it cannot supply comes back as an error, so the
 * decision fails closed. `undo` takes back what the call recorded when the decision is not committed;
 * `committed` is told the outcome once the decision is durable (a purchase counts only when allowed).
 * Undefined: not an investment event.
 */
export type SuitabilityPort = (
  tenantId: string,
  event: NormalizedEvent,
  features: Readonly<Record<string, FeatureValue>>,
  needs: ReadonlySet<string>,
) =>
  | {
      input: SuitabilityInput;
      errors: { featureId: string; message: string }[];
      undo?: () => void;
      committed?: (outcome: 'allow' | 'review' | 'block') => void;
    }
  | undefined;
