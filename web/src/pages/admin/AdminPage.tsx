import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Badge, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { GrantsPanel } from './GrantsPanel.tsx';
import { KeysPanel } from './KeysPanel.tsx';
import { ListsPanel } from './ListsPanel.tsx';
import { ProfilesPanel } from './ProfilesPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';

/** Administration: operators and roles (four eyes on admin and approver), API keys, screening lists. */
export default function AdminPage() {
  const { t } = useTranslation();
  const grants = useQuery({
    queryKey: ['admin', 'grants'],
    queryFn: async () => ok(await api.GET('/v1/role-grants', { params: { query: { status: 'pending' } } })),
  });
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: async () => ok(await api.GET('/v1/users')) });
  const pending = grants.data?.grants ?? [];
  return (
    <>
      <Typography.Title level={2}>{t('menu.admin')}</Typography.Title>
      <Tabs
        items={[
          { key: 'users', label: t('admin.tabs.users'), children: <UsersPanel grants={pending} /> },
          {
            key: 'grants',
            label: (
              <span>
                {t('admin.tabs.grants')} <Badge count={pending.length} color="#a8071a" />
              </span>
            ),
            children: <GrantsPanel grants={pending} users={users.data?.users ?? []} />,
          },
          { key: 'keys', label: t('admin.tabs.keys'), children: <KeysPanel /> },
          { key: 'lists', label: t('admin.tabs.lists'), children: <ListsPanel /> },
          { key: 'profiles', label: t('admin.tabs.profiles'), children: <ProfilesPanel /> },
        ]}
      />
    </>
  );
}
