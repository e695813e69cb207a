import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import type { ListVersion } from './types.ts';

/** The list versions screening uses now: when each was loaded, how long loading took, what it holds. */
export function ListVersions() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['screening-lists'], queryFn: async () => ok(await api.GET('/v1/screening/lists')) });
  const n = new Intl.NumberFormat(f.lang);
  return (
    <Table<ListVersion>
      rowKey="version"
      size="small"
      loading={q.isLoading}
      dataSource={q.data ?? []}
      pagination={false}
      locale={{ emptyText: <span style={{ color: '#595959' }}>{t('screening.noLists')}</span> }}
      columns={[
        { title: t('screening.list'), dataIndex: 'listId' },
        { title: t('screening.version'), dataIndex: 'version' },
        { title: t('screening.source'), dataIndex: 'source' },
        { title: t('screening.loadedAt'), dataIndex: 'loadedAt', render: (v: number) => f.dateTime(v) },
        {
          title: t('screening.loadTime'),
          dataIndex: 'loadMs',
          align: 'right',
          render: (v: number) => t('screening.ms', { n: n.format(Math.round(v)) }),
        },
        {
          title: t('screening.entries'),
          key: 'entries',
          align: 'right',
          render: (_: unknown, v) => n.format(v.counts.entries ?? 0),
        },
        { title: t('screening.hash'), dataIndex: 'contentHash', render: (h: string) => <code>{h.slice(0, 12)}</code> },
      ]}
    />
  );
}
