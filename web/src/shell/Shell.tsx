import type { ReactNode } from 'react';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CommentOutlined,
  ExperimentOutlined,
  LockOutlined,
  ProjectOutlined,
  DashboardOutlined,
  FileTextOutlined,
  NodeIndexOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { tone } from '../lib/tone.ts';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { menuFor, type PageKey } from '../lib/roles.ts';
import { session } from '../lib/session.ts';
import { useSession } from '../lib/use-session.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

const icons: Record<PageKey, ReactNode> = {
  overview: <DashboardOutlined />,
  cases: <AlertOutlined />,
  reports: <FileTextOutlined />,
  metrics: <BarChartOutlined />,
  rules: <NodeIndexOutlined />,
  screening: <SafetyOutlined />,
  customers: <TeamOutlined />,
  complaints: <CommentOutlined />,
  suitability: <ExperimentOutlined />,
  privacy: <LockOutlined />,
  disclosures: <ProjectOutlined />,
  audit: <AuditOutlined />,
  admin: <SettingOutlined />,
};

/** The frame of every page: the role's menu on the left, who is signed in, language, sign out. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const s = useSession();
  const nav = useNavigate();
  const loc = useLocation();
  const items = menuFor(s.user.roles);
  const selected = items.find((m) => loc.pathname.startsWith(m.path))?.key;

  const logout = async () => {
    await api.POST('/v1/auth/logout').catch(() => undefined);
    session.clear();
    void nav('/');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="dark" breakpoint="lg" collapsedWidth={64}>
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 600 }}>{t('app.name')}</div>
        <nav aria-label={t('shell.menu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={items.map((m) => ({ key: m.key, icon: icons[m.key], label: t(`menu.${m.key}`) }))}
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
            <Typography.Text data-testid="whoami">{s.user.username}</Typography.Text>
            {s.user.roles.map((r) => (
              <Tag key={r} color={tone.blue}>
                {t(`roles.${r}`)}
              </Tag>
            ))}
          </Space>
          <LanguageSwitch />
          <Button onClick={() => void logout()}>{t('shell.logout')}</Button>
        </Layout.Header>
        {/* Ant Design renders the content as the page's <main> landmark: a second one inside would nest. */}
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
