import { useQuery } from '@tanstack/react-query';
import { List, Spin, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone } from '../../lib/tone.ts';
import { api, ok } from '../../api/client.ts';
import type { AlertRecord, Priority } from '../../api/types.ts';
import { useFormat } from '../../lib/use-format.ts';
import { PriorityTag } from './CaseTags.tsx';

/** The decision behind an alert, with its reasons in the console's language; fetched when a row opens. */
function Reasons({ eventId }: { eventId: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['event', eventId],
    queryFn: async () => ok(await api.GET('/v1/events/{id}', { params: { path: { id: eventId } } })),
  });
  if (q.isLoading) return <Spin size="small" />;
  const d = q.data?.decision;
  if (!d) return <span>{t('common.none')}</span>;
  return (
    <List
      size="small"
      header={
        <span>
          {t('case.decision')}: <Tag>{t(`outcome.${d.outcome}`)}</Tag> {t('case.score')} {d.score} · {t('case.ruleSet')}{' '}
          {d.ruleSetVersion}
        </span>
      }
      dataSource={d.reasons}
      locale={{ emptyText: t('common.none') }}
      renderItem={(r) => (
        <List.Item>
          <Tag>{r.ruleId}</Tag>
          {r.typology && <Tag color={tone.purple}>{r.typology}</Tag>}
          {i18n.language === 'en' ? r.message : r.messageZh}
          {r.error && <Tag color={tone.red}>{r.error}</Tag>}
        </List.Item>
      )}
    />
  );
}

export function CaseAlerts({ alerts }: { alerts: AlertRecord[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table<AlertRecord>
      rowKey="id"
      size="small"
      dataSource={alerts}
      pagination={{ pageSize: 25, showSizeChanger: false }}
      expandable={{ expandedRowRender: (a) => <Reasons eventId={a.eventId} /> }}
      columns={[
        { title: t('alerts.id'), dataIndex: 'id' },
        { title: t('alerts.source'), dataIndex: 'source', render: (v: string) => t(`alerts.sources.${v}`) },
        { title: t('alerts.typology'), dataIndex: 'type' },
        { title: t('alerts.code'), dataIndex: 'code' },
        { title: t('alerts.rules'), dataIndex: 'ruleIds', render: (v: string[]) => v.join(', ') },
        { title: t('cases.priority'), dataIndex: 'priority', render: (v: Priority) => <PriorityTag p={v} /> },
        { title: t('alerts.dueBy'), dataIndex: 'dueBy', render: (v: string | null) => v ?? '—' },
        { title: t('alerts.report'), dataIndex: 'reportId', render: (v: string | null) => v ?? '—' },
        { title: t('alerts.occurred'), dataIndex: 'occurredAt', render: (v: number) => f.dateTime(v) },
      ]}
    />
  );
}
