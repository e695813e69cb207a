// A session kept for this tab (sessionStorage: a closed tab forgets the token), with listeners for React.
// What is read back is checked by `parse`: anything else is dropped, never trusted.

export interface TabSession<T> {
  get: () => T | undefined;
  set: (s: T) => void;
  clear: () => void;
  subscribe: (l: () => void) => () => void;
}

/** The stored JSON when it parses; `undefined` otherwise. */
export function storedJson(raw: string | null | undefined): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function tabSession<T>(key: string, parse: (raw: string | null | undefined) => T | undefined): TabSession<T> {
  const listeners = new Set<() => void>();
  let current = parse(globalThis.sessionStorage?.getItem(key));
  const changed = (): void => listeners.forEach((l) => l());
  return {
    get: () => current,
    set: (s) => {
      current = s;
      sessionStorage.setItem(key, JSON.stringify(s));
      changed();
    },
    clear: () => {
      current = undefined;
      sessionStorage.removeItem(key);
      changed();
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
  };
}
