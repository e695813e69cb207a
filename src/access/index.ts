export { AccessService, allows, type Principal } from './service.ts';
export type { Permission } from './core/permissions.ts';
export { hashPassword, verifyPassword } from './core/passwords.ts';
export { requirePermission, principalOf } from './http-auth.ts';
export { accessRoutes } from './routes.ts';
