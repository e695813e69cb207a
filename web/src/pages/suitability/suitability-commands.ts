// The professional-investor status as registered actions (four eyes: proposed by one operator, approved
// by a second one holding the approver role), and how categories, risk levels and expiry read.
import { can } from '../../lib/roles.ts';
import type { Tone } from '../../lib/tone.ts';

export interface Me {
  id: string;
  roles: readonly string[];
}

export interface ProfessionalLike {
  state: string;
  proposedBy: string;
}

export type ProfessionalCommandId = 'propose' | 'approve' | 'revoke';
export type ProfessionalWithheld = 'own_proposal' | 'approver_role';

/** What the operator is offered on a customer's professional status (undefined: none yet). */
export function professionalCommandsFor(
  p: ProfessionalLike | undefined,
  me: Me,
): { id: ProfessionalCommandId; withheld?: ProfessionalWithheld }[] {
  const out: { id: ProfessionalCommandId; withheld?: ProfessionalWithheld }[] = [];
  const writes = can(me.roles, 'suitability:write');
  if (writes && p?.state !== 'proposed') out.push({ id: 'propose' });
  if (p?.state === 'proposed' && can(me.roles, 'suitability:approve')) {
    const withheld =
      p.proposedBy === me.id ? 'own_proposal' : !me.roles.includes('approver') ? 'approver_role' : undefined;
    out.push(withheld ? { id: 'approve', withheld } : { id: 'approve' });
  }
  if (writes && p !== undefined && p.state !== 'revoked') out.push({ id: 'revoke' });
  return out;
}

/** C1/R1 (lowest) green through C5/R5 (highest) red. */
export function levelTone(level: string): Tone {
  const n = Number(level.slice(1));
  return (['green', 'cyan', 'blue', 'orange', 'red'] as const)[n - 1] ?? 'default';
}

/** Whole days from `now` to an expiry instant; negative once past. */
export function daysUntil(iso: string, now: number): number {
  return Math.floor((Date.parse(iso) - now) / 86_400_000);
}

/** How an assessment's expiry reads: expired, due for re-assessment within 30 days, or valid. */
export function expiryState(
  iso: string,
  now: number,
): { key: 'expired' | 'expiring' | 'valid'; days: number; tone: Tone } {
  const days = daysUntil(iso, now);
  if (days < 0) return { key: 'expired', days: -days, tone: 'red' };
  if (days <= 30) return { key: 'expiring', days, tone: 'orange' };
  return { key: 'valid', days, tone: 'green' };
}
