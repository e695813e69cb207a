// The operator's session for this tab (sessionStorage: a closed tab forgets the token).
export interface Session {
  token: string;
  expiresAt: number;
  user: { id: string; tenantId: string; username: string; roles: string[] };
  /** The tenant's time zone for dates. */
  timeZone: string;
}

const key = 'zhili.session';
const listeners = new Set<() => void>();

function read(): Session | undefined {
  try {
    const raw = globalThis.sessionStorage?.getItem(key);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
}

let current = read();

export const session = {
  get: (): Session | undefined => current,
  set: (s: Session): void => {
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
