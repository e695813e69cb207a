/**
 * The hub's own actions as ledger entries. The ledger takes ids and hashes only; a hub action's row
 * (kept in hub_audit, with its detail) is committed to by `dataHash`, the SHA-256 of the row's
 * canonical JSON, so that a row altered later no longer matches its entry (see ../hub-ledger.ts).
 * Pure.
 */
import { canonicalJson, sha256Hex } from '../../kernel/index.ts';
import type { AuditInput } from '../../ledger/index.ts';

/** The tenant id of every hub entry (the hub's ledger has no other). */
export const HUB_TENANT = 'hub';

/** One hub action as hub_audit keeps it. */
export interface HubActionRow {
  actorId: string;
  action: string;
  subjectId: string;
  detail: string;
  at: number;
}

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const ACTION = /^[a-z][a-z0-9_.:-]{0,63}$/;

/**
 * The ledger entry of a hub action. Sign-in actions name the username that was typed (it may be a
 * mistyped password): their subject stays out of the entry, as does any actor or subject that is not
 * an id; the row's hash still covers them.
 */
export function hubAuditInput(row: HubActionRow): AuditInput {
  const { actorId, action, subjectId, detail, at } = row;
  const clearSubject = !action.startsWith('auth.') && ID.test(subjectId);
  return {
    tenantId: HUB_TENANT,
    action: ACTION.test(action) ? action : 'hub.other',
    actorId: ID.test(actorId) ? actorId : 'unnamed',
    ...(clearSubject ? { subjectId } : {}),
    dataHash: sha256Hex(canonicalJson({ actorId, action, subjectId, detail, at })),
    at,
  };
}
