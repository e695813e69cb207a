import { Type } from '@sinclair/typebox';
import type {
  ApiKeyRecord,
  PiiKeyRecord,
  RuleSetEventRecord,
  SessionRecord,
  TenantRecord,
  UserRecord,
} from './records.ts';
import { roles, ruleSetStatuses } from './records.ts';
import { rowOf } from './row-decode.ts';
import type { Row } from './sql-driver.ts';

/** Row mappers for the tables both dialects store alike (users, tenants, API keys, sessions). */
const Roles = Type.Array(Type.Union(roles.map((role) => Type.Literal(role))), { $id: 'Role[]' });

export const userFromRow = (row: Row): UserRecord => {
  const r = rowOf(row, 'users');
  return {
    id: r.str('id'),
    tenantId: r.str('tenant_id'),
    username: r.str('username'),
    passwordHash: r.str('password_hash'),
    roles: r.json('roles', Roles),
    createdAt: r.int('created_at'),
  };
};

export const tenantFromRow = (row: Row): TenantRecord => {
  const r = rowOf(row, 'tenants');
  return { id: r.str('id'), name: r.str('name'), timeZone: r.str('time_zone'), createdAt: r.int('created_at') };
};

export const keyFromRow = (row: Row): ApiKeyRecord => {
  const r = rowOf(row, 'api_keys');
  return {
    keyHash: r.str('key_hash'),
    tenantId: r.str('tenant_id'),
    prefix: r.str('prefix'),
    createdAt: r.int('created_at'),
  };
};

export const sessionFromRow = (row: Row): SessionRecord => {
  const r = rowOf(row, 'sessions');
  return {
    tokenHash: r.str('token_hash'),
    userId: r.str('user_id'),
    tenantId: r.str('tenant_id'),
    expiresAt: r.int('expires_at'),
  };
};

export const piiKeyFromRow = (row: Row): PiiKeyRecord => {
  const r = rowOf(row, 'pii_keys');
  return {
    tenantId: r.str('tenant_id'),
    subject: r.str('subject'),
    keyId: r.str('key_id'),
    wrapped: r.str('wrapped'),
    createdAt: r.int('created_at'),
  };
};

/** The values of one `pii_keys` row, in the column order of the INSERTs. */
export const piiKeyRow = (k: PiiKeyRecord): unknown[] => [k.tenantId, k.subject, k.keyId, k.wrapped, k.createdAt];

/** One rule-set history row, the same in both dialects. */
export const ruleSetEventFromRow = (row: Row): RuleSetEventRecord => {
  const r = rowOf(row, 'rule_set_events');
  const note = r.optStr('note');
  return {
    tenantId: r.str('tenant_id'),
    version: r.str('version'),
    action: r.str('action'),
    fromStatus: r.optOneOf('from_status', ruleSetStatuses),
    toStatus: r.oneOf('to_status', ruleSetStatuses),
    actorId: r.str('actor_id'),
    at: r.int('at'),
    ...(note === null ? {} : { note }),
  };
};
