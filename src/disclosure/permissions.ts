import type { FastifyRequest } from 'fastify';
import { bearerToken, type AccessService } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';

export type DisclosurePermission =
  'disclosures:read' | 'disclosures:write' | 'disclosures:approve' | 'disclosures:publish';

/**
 * Who may do what with disclosures (the access module's roles). Analysts and admins compute, submit and
 * publish; approvers (and admins) approve — never a version they computed or submitted themselves (four
 * eyes, in the workflow); auditors read. API keys get nothing: a disclosure is an operator's act.
 */
export const disclosureGrants: Record<string, readonly DisclosurePermission[]> = {
  admin: ['disclosures:read', 'disclosures:write', 'disclosures:approve', 'disclosures:publish'],
  analyst: ['disclosures:read', 'disclosures:write', 'disclosures:publish'],
  approver: ['disclosures:read', 'disclosures:approve'],
  auditor: ['disclosures:read'],
};

export interface DisclosureActor {
  tenantId: string;
  actorId: string;
  permissions: readonly DisclosurePermission[];
}

export function disclosureActor(p: { tenantId: string; userId: string; roles: readonly string[] }): DisclosureActor {
  return {
    tenantId: p.tenantId,
    actorId: p.userId,
    permissions: [...new Set(p.roles.flatMap((r) => disclosureGrants[r] ?? []))],
  };
}

export function need(a: DisclosureActor, permission: DisclosurePermission): void {
  if (!a.permissions.includes(permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
}

/** The operator behind a request (users only: an API key is refused). */
export async function actorFrom(access: AccessService, req: FastifyRequest): Promise<DisclosureActor> {
  const p = await access.authenticate(bearerToken(req));
  if (p.kind === 'apiKey') throw new ZhiliError('ZHILI_E_FORBIDDEN');
  return disclosureActor(p);
}
