import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService } from '../../access/index.ts';
import { ZhiliError } from '../../kernel/index.ts';

export type SuitabilityPermission =
  'suitability:read' | 'suitability:write' | 'suitability:approve' | 'suitability:catalogue' | 'suitability:settings';

/**
 * Who may do what with suitability. Analysts record assessments and acknowledgements and propose a
 * professional-investor status; a second operator with the approver role approves it (four eyes).
 * Admins keep the product catalogue, questionnaires and settings. A platform's API key records what
 * its own channels collect (answers, acknowledgements, lesson progress) and syncs the catalogue.
 */
export const suitabilityGrants: Record<string, readonly SuitabilityPermission[]> = {
  admin: [
    'suitability:read',
    'suitability:write',
    'suitability:approve',
    'suitability:catalogue',
    'suitability:settings',
  ],
  analyst: ['suitability:read', 'suitability:write', 'suitability:approve'],
  approver: ['suitability:read', 'suitability:approve'],
  auditor: ['suitability:read'],
};
export const apiKeySuitabilityPermissions: readonly SuitabilityPermission[] = [
  'suitability:read',
  'suitability:write',
  'suitability:catalogue',
];

export interface SuitabilityActor {
  tenantId: string;
  actorId: string;
  permissions: readonly SuitabilityPermission[];
  /** Holds the approver role: the only one that satisfies four eyes. */
  approver: boolean;
}

export function suitabilityActor(p: { tenantId: string; userId: string; roles: readonly string[] }): SuitabilityActor {
  return {
    tenantId: p.tenantId,
    actorId: p.userId,
    permissions: [...new Set(p.roles.flatMap((r) => suitabilityGrants[r] ?? []))],
    approver: p.roles.includes('approver'),
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    suitabilityActor?: SuitabilityActor;
  }
}

const bearer = (req: FastifyRequest): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

export function requireSuitabilityPermission(access: AccessService, permission: SuitabilityPermission) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const p = await access.authenticate(bearer(req));
    const actor: SuitabilityActor =
      p.kind === 'apiKey'
        ? {
            tenantId: p.tenantId,
            actorId: `key:${p.keyPrefix}`,
            permissions: apiKeySuitabilityPermissions,
            approver: false,
          }
        : suitabilityActor(p);
    if (!actor.permissions.includes(permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    req.suitabilityActor = actor;
  };
}

export function actorOf(req: FastifyRequest): SuitabilityActor {
  if (!req.suitabilityActor) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
  return req.suitabilityActor;
}

export function need(a: SuitabilityActor, permission: SuitabilityPermission): void {
  if (!a.permissions.includes(permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
}
