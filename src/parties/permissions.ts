import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';

export type PartyPermission =
  'parties:read' | 'parties:write' | 'parties:reveal' | 'parties:review' | 'parties:approve' | 'parties:erase';

/**
 * Who may do what with party records. Everyone with a role reads masked records; clear C2 data only
 * for admin and analyst, and only when they ask (`?reveal=true`), each read audited. A platform's API
 * key creates, updates and reads masked records (onboarding), never reveals.
 */
export const partyGrants: Record<string, readonly PartyPermission[]> = {
  admin: ['parties:read', 'parties:write', 'parties:reveal', 'parties:review', 'parties:erase'],
  analyst: ['parties:read', 'parties:write', 'parties:reveal', 'parties:review'],
  // The second pair of eyes on a blocking true match (see PartyService.decideHit).
  approver: ['parties:read', 'parties:review', 'parties:approve'],
  auditor: ['parties:read'],
};
export const apiKeyPartyPermissions: readonly PartyPermission[] = ['parties:read', 'parties:write'];

/** Who is calling, as the parties service sees it. */
export interface PartyActor {
  tenantId: string;
  /** User id, or `key:<prefix>` for an API key. */
  actorId: string;
  permissions: readonly PartyPermission[];
}

declare module 'fastify' {
  interface FastifyRequest {
    partyActor?: PartyActor;
  }
}

function bearer(req: FastifyRequest): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

export function requirePartyPermission(access: AccessService, permission: PartyPermission) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const p = await access.authenticate(bearer(req));
    const permissions =
      p.kind === 'apiKey' ? apiKeyPartyPermissions : [...new Set(p.roles.flatMap((r) => partyGrants[r] ?? []))];
    if (!permissions.includes(permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    req.partyActor = {
      tenantId: p.tenantId,
      actorId: p.kind === 'apiKey' ? `key:${p.keyPrefix}` : p.userId,
      permissions,
    };
  };
}

export function actorOf(req: FastifyRequest): PartyActor {
  if (!req.partyActor) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
  return req.partyActor;
}
