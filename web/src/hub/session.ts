// The supervisor's session at the hub, for this tab. Kept apart from the platform operator's session:
// another key, another shape, checked when read back.
import { isRecord, storedJson, tabSession } from '../lib/tab-session.ts';

export interface HubSession {
  token: string;
  expiresAt: number;
  supervisor: { id: string; username: string; admin: boolean };
}

/** The stored value when it has the session's shape (anything else is dropped, not trusted). */
export function parseHubSession(raw: string | null | undefined): HubSession | undefined {
  const v = storedJson(raw);
  if (!isRecord(v)) return undefined;
  const { token, expiresAt, supervisor } = v;
  if (typeof token !== 'string' || typeof expiresAt !== 'number' || !isRecord(supervisor)) return undefined;
  const { id, username, admin } = supervisor;
  if (typeof id !== 'string' || typeof username !== 'string' || typeof admin !== 'boolean') return undefined;
  return { token, expiresAt, supervisor: { id, username, admin } };
}

export const hubSession = tabSession('zhili.hub.session', parseHubSession);
