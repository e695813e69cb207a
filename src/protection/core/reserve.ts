/** The risk reserve: deposits and adjustments in, compensation payouts out, per currency, in minor units. */
import { addMinor } from '../../kernel/index.ts';

export const movementKinds = ['deposit', 'payout', 'adjustment'] as const;
export type MovementKind = (typeof movementKinds)[number];

export interface ReserveMovement {
  tenantId: string;
  id: string;
  kind: MovementKind;
  /** Signed minor units: payouts are negative. */
  amountMinor: number;
  currency: string;
  complaintId?: string | undefined;
  actorId: string;
  at: number;
}

export function balances(movements: readonly ReserveMovement[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of movements) out[m.currency] = addMinor(out[m.currency] ?? 0, m.amountMinor);
  return out;
}
