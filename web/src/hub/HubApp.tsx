// The console on a hub: the supervisor's sign-in, then the hub's pages in the console shell. Loaded as
// its own chunk only when GET /v1/hub/info says this server is a hub.
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { HubInfo } from '../api/hub-client.ts';
import './i18n.ts';
import { HubInfoContext } from './hub-info.ts';
import { HubLoginPage } from './HubLoginPage.tsx';
import { HubShell } from './HubShell.tsx';
import { hubSession } from './session.ts';

const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
const AlertsPage = lazy(() => import('./AlertsPage.tsx'));
const PlatformPage = lazy(() => import('./PlatformPage.tsx'));
const ExitPlanPage = lazy(() => import('./ExitPlanPage.tsx'));

export default function HubApp({ info }: { info: HubInfo }) {
  const s = useSyncExternalStore(hubSession.subscribe, hubSession.get);
  return (
    <HubInfoContext.Provider value={info}>
      {!s ? (
        <HubLoginPage />
      ) : (
        <HubShell>
          <Suspense fallback={<Spin style={{ margin: 48 }} />}>
            <Routes>
              <Route path="/" element={<Navigate to="/dashboard" replace />} />
              <Route path="/dashboard" element={<DashboardPage />} />
              <Route path="/alerts" element={<AlertsPage />} />
              <Route path="/platforms/:id" element={<PlatformPage />} />
              <Route path="/platforms/:id/exit-plan" element={<ExitPlanPage />} />
              <Route path="*" element={<Navigate to="/dashboard" replace />} />
            </Routes>
          </Suspense>
        </HubShell>
      )}
    </HubInfoContext.Provider>
  );
}
