import { createContext, useContext, useSyncExternalStore } from 'react';
import type { HubInfo } from '../api/hub-client.ts';
import { hubSession, type HubSession } from './session.ts';

/** What GET /v1/hub/info said at start (the status machine among it). */
export const HubInfoContext = createContext<HubInfo | undefined>(undefined);

export function useHubInfo(): HubInfo {
  const info = useContext(HubInfoContext);
  if (!info) throw new Error('the hub pages run under HubApp');
  return info;
}

/** The signed-in supervisor; only used under the hub's shell. */
export function useHubSession(): HubSession {
  const s = useSyncExternalStore(hubSession.subscribe, hubSession.get);
  if (!s) throw new Error('not signed in at the hub');
  return s;
}
