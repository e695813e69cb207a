// What each role may use in the console. This mirrors the server's grants (src/access, src/cases,
// src/parties permissions) so the console does not offer what a role may not do; the server still refuses it.
export type Role = 'admin' | 'analyst' | 'approver' | 'auditor';

export type Capability =
  | 'overview'
  | 'cases:read'
  | 'cases:work'
  | 'cases:approve'
  | 'reports:read'
  | 'reports:write'
  | 'reports:approve'
  | 'audit'
  | 'rules:read'
  | 'rules:write'
  | 'rules:approve'
  | 'rules:rollback'
  | 'backtests'
  | 'screening'
  | 'screening:review'
  | 'screening:approve'
  | 'customers:reveal'
  | 'customers'
  | 'metrics'
  | 'admin'
  | ProtectionCapability;

/** Consumer protection and disclosure, as the server grants them (the permissions.ts of src/protection and src/disclosure). */
export type ProtectionCapability =
  | 'complaints:read'
  | 'complaints:write'
  | 'complaints:approve'
  | 'complaints:reveal'
  | 'suitability:read'
  | 'suitability:write'
  | 'suitability:approve'
  | 'privacy:read'
  | 'privacy:write'
  | 'privacy:export'
  | 'privacy:erase'
  | 'incidents:read'
  | 'incidents:write'
  | 'incidents:approve'
  | 'disclosures:read'
  | 'disclosures:write'
  | 'disclosures:approve'
  | 'disclosures:publish';

const reads = ['complaints:read', 'suitability:read', 'privacy:read', 'incidents:read', 'disclosures:read'] as const;
const protectionGrants: Record<Role, readonly ProtectionCapability[]> = {
  admin: [
    ...reads,
    'complaints:write',
    'complaints:approve',
    'complaints:reveal',
    'suitability:write',
    'suitability:approve',
    'privacy:write',
    'privacy:export',
    'privacy:erase',
    'incidents:write',
    'incidents:approve',
    'disclosures:write',
    'disclosures:approve',
    'disclosures:publish',
  ],
  analyst: [
    ...reads,
    'complaints:write',
    'complaints:approve',
    'complaints:reveal',
    'suitability:write',
    'suitability:approve',
    'privacy:write',
    'privacy:export',
    'incidents:write',
    'disclosures:write',
    'disclosures:publish',
  ],
  approver: [
    ...reads,
    'complaints:approve',
    'suitability:approve',
    'privacy:erase',
    'incidents:approve',
    'disclosures:approve',
  ],
  auditor: reads,
};

const grants: Record<Role, readonly Capability[]> = {
  admin: [
    'overview',
    'cases:read',
    'cases:work',
    'reports:read',
    'reports:write',
    'audit',
    'rules:read',
    'rules:write',
    'rules:rollback',
    'backtests',
    'screening',
    'screening:review',
    'customers',
    'customers:reveal',
    'metrics',
    'admin',
  ],
  analyst: [
    'overview',
    'cases:read',
    'cases:work',
    'reports:read',
    'reports:write',
    'audit',
    'rules:read',
    'rules:write',
    'backtests',
    'screening',
    'screening:review',
    'customers',
    'customers:reveal',
    'metrics',
  ],
  approver: [
    'overview',
    'cases:read',
    'cases:work',
    'cases:approve',
    'reports:read',
    'reports:approve',
    'audit',
    'rules:read',
    'rules:approve',
    'backtests',
    'screening',
    'screening:review',
    'screening:approve',
    'customers',
    'metrics',
  ],
  auditor: ['overview', 'cases:read', 'reports:read', 'audit', 'rules:read', 'screening', 'customers', 'metrics'],
};

export function can(roles: readonly string[], c: Capability): boolean {
  return roles.some(
    (r) =>
      ((grants as Record<string, readonly Capability[] | undefined>)[r]?.includes(c) ?? false) ||
      ((protectionGrants as Record<string, readonly Capability[] | undefined>)[r]?.includes(c) ?? false),
  );
}

/** The left menu: each page and the capability it needs, in the order compliance teams use them. */
export const menu = [
  { key: 'overview', path: '/overview', needs: 'overview' },
  { key: 'cases', path: '/cases', needs: 'cases:read' },
  { key: 'reports', path: '/reports', needs: 'reports:read' },
  { key: 'metrics', path: '/metrics', needs: 'metrics' },
  { key: 'rules', path: '/rules', needs: 'rules:read' },
  { key: 'screening', path: '/screening', needs: 'screening' },
  { key: 'customers', path: '/customers', needs: 'customers' },
  { key: 'complaints', path: '/complaints', needs: 'complaints:read' },
  { key: 'suitability', path: '/suitability', needs: 'suitability:read' },
  { key: 'privacy', path: '/privacy', needs: 'privacy:read' },
  { key: 'disclosures', path: '/disclosures', needs: 'disclosures:read' },
  { key: 'audit', path: '/audit', needs: 'audit' },
  { key: 'admin', path: '/admin', needs: 'admin' },
] as const satisfies readonly { key: string; path: string; needs: Capability }[];

export type PageKey = (typeof menu)[number]['key'];

export function menuFor(roles: readonly string[]): (typeof menu)[number][] {
  return menu.filter((m) => can(roles, m.needs));
}
