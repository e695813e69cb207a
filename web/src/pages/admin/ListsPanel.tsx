import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import type { ListVersion } from './admin-api.ts';

/** The screening lists the server loaded: source, version, when, how many entries (read-only). */
export function ListsPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['admin', 'lists'], queryFn: async () => ok(await api.GET('/v1/screening/lists')) });
  return (
    <Table<ListVersion>
      rowKey={(r) => `${r.listId}@${r.version}`}
      size="small"
      loading={q.isLoading}
      dataSource={q.data ?? []}
      pagination={false}
      locale={{ emptyText: <span style={{ color: '#595959' }}>{t('admin.noLists')}</span> }}
      columns={[
        { title: t('admin.listId'), dataIndex: 'listId' },
        { title: t('admin.listSource'), dataIndex: 'source' },
        { title: t('admin.listVersion'), dataIndex: 'version' },
        { title: t('admin.loadedAt'), dataIndex: 'loadedAt', render: (v: number) => f.dateTime(v) },
        {
          title: t('admin.entries'),
          dataIndex: 'counts',
          render: (c: Record<string, number>) =>
            Object.entries(c)
              .map(([k, n]) => `${k}: ${n}`)
              .join(' · '),
        },
        {
          title: t('admin.contentHash'),
          dataIndex: 'contentHash',
          render: (v: string) => <code>{v.slice(0, 16)}…</code>,
        },
      ]}
    />
  );
}
