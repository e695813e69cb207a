import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZhiliError } from '../kernel/index.ts';
import type { Permission } from './core/permissions.ts';
import { allows, type AccessService, type Principal } from './service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

/**
 * A preHandler that admits a caller holding `permission`; everyone else gets 401 or 403. `admitted` is
 * told of each caller let in, with its bearer: on the event path that is one hook less per request
 * (and one parse of the header less) than a preHandler of its own.
 */
export function requirePermission(
  access: AccessService,
  permission: Permission,
  admitted?: (bearer: string, p: Principal) => void,
) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearer(req);
    const p = await access.authenticate(token);
    if (!allows(p, permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    req.principal = p;
    if (admitted && token !== undefined) admitted(token, p);
  };
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
  return req.principal;
}

export function bearerToken(req: FastifyRequest): string | undefined {
  return bearer(req);
}
