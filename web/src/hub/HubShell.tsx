import type { ReactNode } from 'react';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { DashboardOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { hubApi } from '../api/hub-client.ts';
import { tone } from '../lib/tone.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { useHubSession } from './hub-info.ts';
import { hubSession } from './session.ts';

const items = [
  { key: 'dashboard', path: '/dashboard', icon: <DashboardOutlined /> },
  { key: 'alerts', path: '/alerts', icon: <SafetyCertificateOutlined /> },
] as const;

/** The console shell on a hub: the same frame as the platform's, with the supervisor's menu and name. */
export function HubShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const s = useHubSession();
  const nav = useNavigate();
  const loc = useLocation();
  // A platform's pages belong to the dashboard (its drill-down).
  const selected = loc.pathname.startsWith('/alerts') ? 'alerts' : 'dashboard';

  const logout = async () => {
    // Signing out locally even when the server cannot be told (the token then expires on its own).
    await hubApi.POST('/v1/hub/auth/logout').catch((e: unknown) => console.warn('hub sign-out', e));
    hubSession.clear();
    void nav('/');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="dark" breakpoint="lg" collapsedWidth={64}>
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 600 }}>{t('hub.shortName')}</div>
        <nav aria-label={t('shell.menu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={items.map((m) => ({ key: m.key, icon: m.icon, label: t(`hub.menu.${m.key}`) }))}
            onClick={({ key }) => void nav(items.find((m) => m.key === key)?.path ?? '/')}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: 16,
            paddingInline: 24,
          }}
        >
          <Space>
            <Typography.Text data-testid="whoami">{s.supervisor.username}</Typography.Text>
            <Tag color={tone.purple}>{t(s.supervisor.admin ? 'hub.common.admin' : 'hub.common.supervisor')}</Tag>
          </Space>
          <LanguageSwitch />
          <Button onClick={() => void logout()}>{t('shell.logout')}</Button>
        </Layout.Header>
        {/* Ant Design renders the content as the page's <main> landmark. */}
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
