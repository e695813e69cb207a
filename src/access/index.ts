export { AccessService, allows, LoginLockedError, type Principal, type LoginFailure } from './service.ts';
export type { Permission } from './core/permissions.ts';
export { hashPassword, verifyPassword } from './core/passwords.ts';
export { requirePermission, principalOf, bearerToken } from './http-auth.ts';
export { accessRoutes } from './routes.ts';
export { erasureRoutes, type EraseSubject, type ErasureResult } from './routes-erasure.ts';
export { AccessAdmin, actorOf, type AdminActor } from './admin.ts';
export { type AccountStore, type OperatorView, type ApiKeyView, type RoleGrant } from './storage/accounts.ts';
