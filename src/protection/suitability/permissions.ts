import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService } from '../../access/index.ts';
import { ZhiliError } from '../../kernel/index.ts';

export type SuitabilityPermission =
  | 'suitability:read'
  | 'suitability:write'
  | 'suitability:approve'
  | 'suitability:catalogue'
  | 'suitability:settings'
  /** A signed-in consumer acting for themselves only (see `selfActor`); no role holds it. */
  | 'suitability:self';

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
  /** A consumer acting for themselves: the only customer this actor may read or write. */
  self?: string | undefined;
}

/**
 * A signed-in consumer on the portal: may read the questionnaire and their own profile,
 * recommendations and lessons, and record their own answers and lesson progress; nothing else.
 */
export function selfActor(tenantId: string, customerId: string): SuitabilityActor {
  return {
    tenantId,
    actorId: `customer:${customerId}`,
    permissions: ['suitability:self'],
    approver: false,
    self: customerId,
  };
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

/**
 * Reading or writing one customer's suitability: an operator or key with the permission, or that
 * customer acting for themselves. `customerId` undefined: tenant-wide data every consumer may see
 * (the questionnaire in force), still read-only for them.
 */
export function needFor(
  a: SuitabilityActor,
  permission: 'suitability:read' | 'suitability:write',
  customerId: string | undefined,
): void {
  if (a.permissions.includes(permission)) return;
  const self = a.permissions.includes('suitability:self') && a.self !== undefined;
  if (self && (customerId === undefined ? permission === 'suitability:read' : customerId === a.self)) return;
  throw new ZhiliError('ZHILI_E_FORBIDDEN');
}
