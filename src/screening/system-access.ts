/**
 * Who may manage the global sanctions lists: a system administrator (an operator with the admin role
 * in a tenant the configuration names as a system tenant), never a tenant's own admin. Tenant screening
 * settings belong to the tenant's admin.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf, requirePermission, type AccessService, type Principal } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';

export type SystemAdminCheck = (p: Principal) => boolean;

/** Admins of the named system tenants. */
export const systemAdminsOf =
  (systemTenants: readonly string[]): SystemAdminCheck =>
  (p) =>
    p.kind === 'operator' && p.roles.includes('admin') && systemTenants.includes(p.tenantId);

const forbidden = (what: string, whatZh: string): ZhiliError =>
  new ZhiliError('ZHILI_E_FORBIDDEN', { message: `Only ${what} may do this.`, messageZh: `仅${whatZh}可执行此操作。` });

/** A preHandler admitting system administrators only. */
export function requireSystemAdmin(access: AccessService, isSystemAdmin: SystemAdminCheck) {
  const authenticated = requirePermission(access, 'events:read');
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await authenticated(req, reply);
    if (!isSystemAdmin(principalOf(req))) throw forbidden('a system administrator', '系统管理员');
  };
}

/** A preHandler admitting the calling tenant's admins. */
export function requireTenantAdmin(access: AccessService) {
  const authenticated = requirePermission(access, 'events:read');
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await authenticated(req, reply);
    const p = principalOf(req);
    if (p.kind !== 'operator' || !p.roles.includes('admin')) throw forbidden("the tenant's admin", '租户管理员');
  };
}
