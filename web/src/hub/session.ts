// The supervisor's session at the hub, for this tab (sessionStorage: a closed tab forgets the token).
// Kept apart from the platform operator's session: another key, another shape, checked when read back.

export interface HubSession {
  token: string;
  expiresAt: number;
  supervisor: { id: string; username: string; admin: boolean };
}

const key = 'zhili.hub.session';
const listeners = new Set<() => void>();

/** The stored value when it has the session's shape (anything else is dropped, not trusted). */
export function parseHubSession(raw: string | null | undefined): HubSession | undefined {
  if (!raw) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { token, expiresAt, supervisor } = v as Record<string, unknown>;
  if (typeof token !== 'string' || typeof expiresAt !== 'number') return undefined;
  if (typeof supervisor !== 'object' || supervisor === null) return undefined;
  const { id, username, admin } = supervisor as Record<string, unknown>;
  if (typeof id !== 'string' || typeof username !== 'string' || typeof admin !== 'boolean') return undefined;
  return { token, expiresAt, supervisor: { id, username, admin } };
}

let current = parseHubSession(globalThis.sessionStorage?.getItem(key));

export const hubSession = {
  get: (): HubSession | undefined => current,
  set: (s: HubSession): void => {
    current = s;
    sessionStorage.setItem(key, JSON.stringify(s));
    listeners.forEach((l) => l());
  },
  clear: (): void => {
    current = undefined;
    sessionStorage.removeItem(key);
    listeners.forEach((l) => l());
  },
  subscribe: (l: () => void): (() => void) => {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};
