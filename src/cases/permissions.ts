import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import type { Viewer } from './service.ts';

export type CasePermission =
  'alerts:read' | 'cases:read' | 'cases:work' | 'cases:approve' | 'reports:read' | 'reports:write' | 'reports:approve';

/**
 * Who may do what with alerts, cases and reports. The auditor reads alerts, cases and large-value
 * reports but never anything about a suspicious report (tipping-off protection: `seesStr`). The four
 * eyes rule (approver ≠ requester) is enforced by the use-cases, not here.
 */
export const caseGrants: Record<string, readonly CasePermission[]> = {
  admin: ['alerts:read', 'cases:read', 'cases:work', 'reports:read', 'reports:write'],
  analyst: ['alerts:read', 'cases:read', 'cases:work', 'reports:read', 'reports:write'],
  approver: ['alerts:read', 'cases:read', 'cases:work', 'cases:approve', 'reports:read', 'reports:approve'],
  auditor: ['alerts:read', 'cases:read', 'reports:read'],
};
/** Roles that may see STR-related cases, alerts and reports. */
export const amlRoles: readonly string[] = ['admin', 'analyst', 'approver'];

declare module 'fastify' {
  interface FastifyRequest {
    caseViewer?: Viewer;
  }
}

function bearer(req: FastifyRequest): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** A preHandler admitting operators whose roles grant `permission` (API keys are for platforms, not investigators). */
export function requireCasePermission(access: AccessService, permission: CasePermission) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const p = await access.authenticate(bearer(req));
    if (p.kind !== 'operator' || !p.roles.some((r) => caseGrants[r]?.includes(permission)))
      throw new ZhiliError('ZHILI_E_FORBIDDEN');
    req.caseViewer = {
      tenantId: p.tenantId,
      userId: p.userId,
      roles: p.roles,
      seesStr: p.roles.some((r) => amlRoles.includes(r)),
    };
  };
}

export function viewerOf(req: FastifyRequest): Viewer {
  if (!req.caseViewer) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
  return req.caseViewer;
}
