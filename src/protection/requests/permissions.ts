import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService } from '../../access/index.ts';
import { ZhiliError } from '../../kernel/index.ts';

export type RightsPermission =
  | 'privacy:read'
  | 'privacy:write'
  | 'privacy:export'
  | 'privacy:erase'
  | 'privacy:settings'
  | 'incidents:read'
  | 'incidents:write'
  | 'incidents:approve'
  | 'incidents:settings';

/**
 * Who may do what with data-subject requests and incidents. Analysts handle requests (verify, export,
 * answer) and incidents; a deletion is carried out by an admin or approver who did not verify the
 * requester (four eyes), and a post-incident report is approved by someone other than its author.
 * Auditors read. A platform's API key files requests and incidents from its own channels and reads them.
 */
export const rightsGrants: Record<string, readonly RightsPermission[]> = {
  admin: [
    'privacy:read',
    'privacy:write',
    'privacy:export',
    'privacy:erase',
    'privacy:settings',
    'incidents:read',
    'incidents:write',
    'incidents:approve',
    'incidents:settings',
  ],
  analyst: ['privacy:read', 'privacy:write', 'privacy:export', 'incidents:read', 'incidents:write'],
  approver: ['privacy:read', 'privacy:erase', 'incidents:read', 'incidents:approve'],
  auditor: ['privacy:read', 'incidents:read'],
};
export const apiKeyRightsPermissions: readonly RightsPermission[] = [
  'privacy:read',
  'privacy:write',
  'incidents:read',
  'incidents:write',
];

export interface RightsActor {
  tenantId: string;
  /** User id, or `key:<prefix>` for an API key. */
  actorId: string;
  permissions: readonly RightsPermission[];
}

export function rightsActor(p: { tenantId: string; userId: string; roles: readonly string[] }): RightsActor {
  return {
    tenantId: p.tenantId,
    actorId: p.userId,
    permissions: [...new Set(p.roles.flatMap((r) => rightsGrants[r] ?? []))],
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    rightsActor?: RightsActor;
  }
}

const bearer = (req: FastifyRequest): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

export function requireRightsPermission(access: AccessService, permission: RightsPermission) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const p = await access.authenticate(bearer(req));
    const actor: RightsActor =
      p.kind === 'apiKey'
        ? { tenantId: p.tenantId, actorId: `key:${p.keyPrefix}`, permissions: apiKeyRightsPermissions }
        : rightsActor(p);
    if (!actor.permissions.includes(permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    req.rightsActor = actor;
  };
}

export function rightsActorOf(req: FastifyRequest): RightsActor {
  if (!req.rightsActor) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
  return req.rightsActor;
}

export function need(a: RightsActor, permission: RightsPermission): void {
  if (!a.permissions.includes(permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
}
