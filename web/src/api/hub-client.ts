// The supervision hub's API client for the hub pages, typed from the hub's /openapi.json
// (hub-schema.d.ts, generated with the platform's schema by `npm run gen:api -w web`). The session is the
// supervisor's (hub/session.ts), never the platform operator's.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './hub-schema.d.ts';
import { hubSession } from '../hub/session.ts';

export { ApiError, ok } from './client.ts';
export type { paths as HubPaths } from './hub-schema.d.ts';

const auth: Middleware = {
  onRequest({ request }) {
    const t = hubSession.get()?.token;
    if (t) request.headers.set('authorization', `Bearer ${t}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked session: back to the sign-in.
    if (response.status === 401 && hubSession.get()) hubSession.clear();
    return response;
  },
};

export const hubApi = createClient<paths>({ baseUrl: '' });
hubApi.use(auth);

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
type Created<T> = T extends { responses: { 201: { content: { 'application/json': infer R } } } } ? R : never;

export type HubInfo = Ok<paths['/v1/hub/info']['get']>;
export type Supervisor = Ok<paths['/v1/hub/me']['get']>;
export type DashboardView = Ok<paths['/v1/hub/dashboard']['get']>;
export type PlatformRow = DashboardView['platforms'][number];
export type Thresholds = DashboardView['thresholds'];
export type Indicators = PlatformRow['indicators'];
export type Flag = PlatformRow['flags'][number];
export type PlatformView = Ok<paths['/v1/hub/platforms/{id}']['get']>;
export type Platform = PlatformView['platform'];
export type PlatformStatus = Platform['status'];
export type HubAlert = PlatformView['openAlerts'][number];
export type Checkpoint = Ok<paths['/v1/hub/platforms/{id}/checkpoints']['get']>['checkpoints'][number];
export type StatusChange = Created<paths['/v1/hub/platforms/{id}/status-changes']['post']>;
export type FilingsView = Ok<paths['/v1/hub/platforms/{id}/filings']['get']>;
export type ExitPlanView = Ok<paths['/v1/hub/platforms/{id}/exit-plan']['get']>;
