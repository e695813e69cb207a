import type { PlatformStatus } from '../../core/status.ts';

/** What a platform asks of the registry: `query` checks an applicant for a new loan; `register` reports loans. */
export type LendingAct = 'query' | 'register';

/**
 * Whether a platform of this licence status may do `act`. Only a licensed or restricted platform checks
 * applicants for new loans. Every other keeps reporting the loans it has (its borrowers' debts are still
 * owed, settlements must reach the registry, and an operator applying for its licence shows its book):
 * without the check, the platform's own credit decisions fail closed to review, so a suspension stops
 * automated new lending there. Exited platforms are refused before this (ZHILI_E_PLATFORM_EXITED);
 * here too. Unknown: refused.
 */
export function lendingAllowed(status: PlatformStatus | undefined, act: LendingAct): boolean {
  switch (status) {
    case 'licensed':
    case 'restricted':
      return true;
    case 'applying':
    case 'suspended':
    case 'winding_down':
      return act === 'register';
    default:
      return false;
  }
}
