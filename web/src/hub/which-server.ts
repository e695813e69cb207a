// Which server the console runs on. The hub answers GET /v1/hub/info ({ server: 'hub', … }); the
// platform has no such route (404). Anything but a well-formed hub answer means the platform's console,
// which is what it has always been; the hub's pages then never show.
import type { HubInfo } from '../api/hub-client.ts';
import { parseHubInfo } from './logic.ts';

export type ServerKind = { kind: 'platform' } | { kind: 'hub'; info: HubInfo };

export async function whichServer(): Promise<ServerKind> {
  try {
    const r = await fetch('/v1/hub/info', { headers: { accept: 'application/json' } });
    // Read to its end even when unused, so the connection is free and the request is complete.
    const body: unknown = r.ok ? await r.json() : await r.text();
    if (!r.ok) return { kind: 'platform' };
    const info = parseHubInfo(body);
    return info ? { kind: 'hub', info } : { kind: 'platform' };
  } catch (e) {
    // Unreachable or not JSON: the platform's console, as before this question was asked.
    console.warn('GET /v1/hub/info', e);
    return { kind: 'platform' };
  }
}
