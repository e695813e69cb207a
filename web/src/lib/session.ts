// The operator's session for this tab (sessionStorage: a closed tab forgets the token).
import { isRecord, storedJson, tabSession } from './tab-session.ts';

export interface Session {
  token: string;
  expiresAt: number;
  user: { id: string; tenantId: string; username: string; roles: string[] };
  /** The tenant's time zone for dates. */
  timeZone: string;
}

/** The stored value when it has the session's shape (anything else is dropped, not trusted). */
export function parseSession(raw: string | null | undefined): Session | undefined {
  const v = storedJson(raw);
  if (!isRecord(v)) return undefined;
  const { token, expiresAt, user, timeZone } = v;
  if (typeof token !== 'string' || typeof expiresAt !== 'number' || typeof timeZone !== 'string') return undefined;
  if (!isRecord(user)) return undefined;
  const { id, tenantId, username, roles } = user;
  if (typeof id !== 'string' || typeof tenantId !== 'string' || typeof username !== 'string') return undefined;
  if (!Array.isArray(roles) || !roles.every((r): r is string => typeof r === 'string')) return undefined;
  return { token, expiresAt, user: { id, tenantId, username, roles }, timeZone };
}

export const session = tabSession('zhili.session', parseSession);
