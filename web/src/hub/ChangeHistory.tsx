import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatusChange } from '../api/hub-client.ts';
import { tone } from '../lib/tone.ts';
import { StatusTag } from './StatusTag.tsx';
import { useHubFormat } from './use-hub-format.ts';
import { EmptyText } from './EmptyText.tsx';

const decisionTone = { pending: tone.blue, approved: tone.green, rejected: tone.red } as const;

/** Every status change of a platform: who proposed it and why, who decided it and when. */
export function ChangeHistory({
  changes,
  name,
}: {
  changes: readonly StatusChange[];
  name: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  const f = useHubFormat();
  return (
    <Table<StatusChange>
      rowKey="id"
      dataSource={[...changes].sort((a, b) => b.proposedAt - a.proposedAt)}
      pagination={false}
      size="small"
      aria-label={t('hub.change.history')}
      locale={{ emptyText: <EmptyText>{t('hub.common.none')}</EmptyText> }}
      onRow={(c) => ({ 'data-change': c.id }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'from', title: t('hub.change.from'), render: (_, c) => <StatusTag status={c.from} /> },
        { key: 'to', title: t('hub.change.toCol'), render: (_, c) => <StatusTag status={c.to} /> },
        { key: 'reason', title: t('hub.change.reason'), dataIndex: 'reason' },
        { key: 'by', title: t('hub.change.proposedBy'), render: (_, c) => name(c.proposedBy) },
        { key: 'at', title: t('hub.change.proposedAt'), render: (_, c) => f.dateTime(c.proposedAt) },
        {
          key: 'decision',
          title: t('hub.change.decision'),
          render: (_, c) => (
            <Tag color={decisionTone[c.decision]} data-decision={c.decision}>
              {t(`hub.change.d.${c.decision}`)}
            </Tag>
          ),
        },
        { key: 'decidedBy', title: t('hub.change.decidedBy'), render: (_, c) => name(c.decidedBy) },
        { key: 'decidedAt', title: t('hub.change.decidedAt'), render: (_, c) => f.dateTime(c.decidedAt) },
      ]}
    />
  );
}
