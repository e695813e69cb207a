import type { Role } from '../../store/index.ts';

export type Permission =
  | 'events:write'
  | 'events:read'
  | 'events:reveal'
  | 'personal:erase'
  | 'users:manage'
  | 'keys:manage'
  | 'metrics:read'
  | 'rulesets:read'
  | 'rulesets:write'
  | 'rulesets:approve'
  | 'rulesets:rollback'
  | 'backtests:run'
  | 'lists:reload'
  | 'tenant:read';

/**
 * What each operator role may do. Writes of events come only from a platform's API key; operators
 * read. Segregation of duties (maker-checker) is enforced by the use-cases that need a second person:
 * `rulesets:approve` admits an approver, and the rule-set lifecycle then refuses the version's own maker.
 */
const grants: Record<Role, readonly Permission[]> = {
  admin: [
    'events:read',
    'events:reveal',
    'personal:erase',
    'users:manage',
    'keys:manage',
    'metrics:read',
    'rulesets:read',
    'rulesets:write',
    'rulesets:rollback',
    'backtests:run',
    'lists:reload',
    'tenant:read',
  ],
  analyst: ['events:read', 'events:reveal', 'rulesets:read', 'rulesets:write', 'backtests:run', 'tenant:read'],
  approver: ['events:read', 'rulesets:read', 'rulesets:approve', 'backtests:run', 'tenant:read'],
  auditor: ['events:read', 'rulesets:read', 'tenant:read'],
};

export const apiKeyPermissions: readonly Permission[] = ['events:write', 'events:read'];

export function rolesAllow(roles: readonly Role[], p: Permission): boolean {
  return roles.some((r) => grants[r].includes(p));
}
