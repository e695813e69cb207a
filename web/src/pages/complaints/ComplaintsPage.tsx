import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../lib/roles.ts';
import { useSession } from '../../lib/use-session.ts';
import { ComplaintsQueue } from './ComplaintsQueue.tsx';
import { ComplaintStats } from './ComplaintStats.tsx';
import { FileComplaint } from './FileComplaint.tsx';
import './i18n.ts';

export default function ComplaintsPage() {
  const { t } = useTranslation();
  const s = useSession();
  return (
    <>
      <Typography.Title level={2}>{t('menu.complaints')}</Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'queue', label: t('complaints.tabs.queue'), children: <ComplaintsQueue /> },
          ...(can(s.user.roles, 'complaints:write')
            ? [{ key: 'file', label: t('complaints.tabs.file'), children: <FileComplaint /> }]
            : []),
          { key: 'stats', label: t('complaints.tabs.stats'), children: <ComplaintStats /> },
        ]}
      />
    </>
  );
}
