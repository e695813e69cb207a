import { lazy, Suspense, useSyncExternalStore } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { session } from './lib/session.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { Shell } from './shell/Shell.tsx';
import type { ServerKind } from './hub/which-server.ts';

// On a supervision hub the console shows the hub's pages instead (own chunk, loaded only there).
const HubApp = lazy(() => import('./hub/HubApp.tsx'));
const OverviewPage = lazy(() => import('./pages/overview/OverviewPage.tsx'));
const CasesPage = lazy(() => import('./pages/cases/CasesPage.tsx'));
const CasePage = lazy(() => import('./pages/cases/CasePage.tsx'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.tsx'));
const ReportPage = lazy(() => import('./pages/reports/ReportPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const RulesPage = lazy(() => import('./pages/rules/RulesPage.tsx'));
const ScreeningPage = lazy(() => import('./pages/screening/ScreeningPage.tsx'));
const CustomersPage = lazy(() => import('./pages/customers/CustomersPage.tsx'));
const MetricsPage = lazy(() => import('./pages/metrics/MetricsPage.tsx'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage.tsx'));
const ComplaintsPage = lazy(() => import('./pages/complaints/ComplaintsPage.tsx'));
const ComplaintPage = lazy(() => import('./pages/complaints/ComplaintPage.tsx'));
const SuitabilityPage = lazy(() => import('./pages/suitability/SuitabilityPage.tsx'));
const PrivacyPage = lazy(() => import('./pages/privacy/PrivacyPage.tsx'));
const DisclosuresPage = lazy(() => import('./pages/disclosures/DisclosuresPage.tsx'));
const DisclosurePage = lazy(() => import('./pages/disclosures/DisclosurePage.tsx'));

// Secondary, tertiary and placeholder text darkened from Ant Design's defaults to meet WCAG AA contrast (4.5:1).
const theme = {
  token: {
    colorPrimary: '#1f5fbf',
    colorPrimaryHover: '#174ea6',
    colorLink: '#1f5fbf',
    colorLinkHover: '#174ea6',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#5f5f5f',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6b6b6b',
  },
};

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 10_000 } } });

function Authed() {
  const s = useSyncExternalStore(session.subscribe, session.get);
  if (!s) return <LoginPage />;
  return (
    <Shell>
      <Suspense fallback={<Spin style={{ margin: 48 }} />}>
        <Routes>
          <Route path="/" element={<Navigate to="/overview" replace />} />
          <Route path="/overview" element={<OverviewPage />} />
          <Route path="/cases" element={<CasesPage />} />
          <Route path="/cases/:id" element={<CasePage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/reports/:id" element={<ReportPage />} />
          <Route path="/metrics" element={<MetricsPage />} />
          <Route path="/rules" element={<RulesPage />} />
          <Route path="/screening" element={<ScreeningPage />} />
          <Route path="/customers" element={<CustomersPage />} />
          <Route path="/complaints" element={<ComplaintsPage />} />
          <Route path="/complaints/:id" element={<ComplaintPage />} />
          <Route path="/suitability" element={<SuitabilityPage />} />
          <Route path="/privacy" element={<PrivacyPage />} />
          <Route path="/disclosures" element={<DisclosuresPage />} />
          <Route path="/disclosures/:id" element={<DisclosurePage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="*" element={<Navigate to="/overview" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

export function App({ server = { kind: 'platform' } }: { server?: ServerKind }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter basename="/console">
            {server.kind === 'hub' ? (
              <Suspense fallback={<Spin style={{ margin: 48 }} />}>
                <HubApp info={server.info} />
              </Suspense>
            ) : (
              <Authed />
            )}
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
