import { useSyncExternalStore } from 'react';
import { session, type Session } from './session.ts';

/** The signed-in operator; only used under the authenticated shell. */
export function useSession(): Session {
  const s = useSyncExternalStore(session.subscribe, session.get);
  if (!s) throw new Error('not signed in');
  return s;
}
