import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../lib/roles.ts';
import { useSession } from '../../lib/use-session.ts';
import { IncidentsPanel } from './IncidentsPanel.tsx';
import { RequestsPanel } from './RequestsPanel.tsx';
import './i18n.ts';

export default function PrivacyPage() {
  const { t } = useTranslation();
  const s = useSession();
  return (
    <>
      <Typography.Title level={2}>{t('menu.privacy')}</Typography.Title>
      <Tabs
        items={[
          { key: 'requests', label: t('privacy.tabs.requests'), children: <RequestsPanel /> },
          ...(can(s.user.roles, 'incidents:read')
            ? [{ key: 'incidents', label: t('privacy.tabs.incidents'), children: <IncidentsPanel /> }]
            : []),
        ]}
      />
    </>
  );
}
