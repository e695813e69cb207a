import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';

export type ComplaintPermission =
  | 'complaints:read'
  | 'complaints:write'
  | 'complaints:approve'
  | 'complaints:reveal'
  | 'complaints:reserve'
  | 'complaints:settings'
  | 'complaints:erase';

/**
 * Who may do what with complaints. Analysts and admins handle them; approvers approve decisions (the
 * second pair of eyes above the compensation threshold); auditors read. A platform's API key files
 * complaints from its own channels and reads them, never approves or reveals.
 */
export const complaintGrants: Record<string, readonly ComplaintPermission[]> = {
  admin: [
    'complaints:read',
    'complaints:write',
    'complaints:approve',
    'complaints:reveal',
    'complaints:reserve',
    'complaints:settings',
    'complaints:erase',
  ],
  analyst: ['complaints:read', 'complaints:write', 'complaints:approve', 'complaints:reveal'],
  approver: ['complaints:read', 'complaints:approve'],
  auditor: ['complaints:read'],
};
export const apiKeyComplaintPermissions: readonly ComplaintPermission[] = ['complaints:read', 'complaints:write'];

export interface ComplaintActor {
  tenantId: string;
  /** User id, or `key:<prefix>` for an API key. */
  actorId: string;
  permissions: readonly ComplaintPermission[];
  /** Holds the approver role: the only one that satisfies four eyes above the threshold. */
  approver: boolean;
}

export function complaintActor(p: { tenantId: string; userId: string; roles: readonly string[] }): ComplaintActor {
  return {
    tenantId: p.tenantId,
    actorId: p.userId,
    permissions: [...new Set(p.roles.flatMap((r) => complaintGrants[r] ?? []))],
    approver: p.roles.includes('approver'),
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    complaintActor?: ComplaintActor;
  }
}

function bearer(req: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

export function requireComplaintPermission(access: AccessService, permission: ComplaintPermission) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const p = await access.authenticate(bearer(req));
    const actor: ComplaintActor =
      p.kind === 'apiKey'
        ? {
            tenantId: p.tenantId,
            actorId: `key:${p.keyPrefix}`,
            permissions: apiKeyComplaintPermissions,
            approver: false,
          }
        : complaintActor(p);
    if (!actor.permissions.includes(permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    req.complaintActor = actor;
  };
}

export function actorOf(req: FastifyRequest): ComplaintActor {
  if (!req.complaintActor) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
  return req.complaintActor;
}

export function need(a: ComplaintActor, permission: ComplaintPermission): void {
  if (!a.permissions.includes(permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
}
