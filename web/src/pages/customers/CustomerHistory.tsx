import { useQuery } from '@tanstack/react-query';
import { Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { DataTable, PiiTag } from './CustomerDetail.tsx';
import { RiskTag } from './RiskTag.tsx';
import type { HitView, PartyVersionView, RatingView } from './types.ts';

/** A customer's ratings (newest first, each with its factors), versions (masked) or every screening hit. */
export function CustomerHistory({ id, what }: { id: string; what: 'ratings' | 'versions' | 'hits' }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const zh = i18n.language.startsWith('zh');
  const q = useQuery({
    queryKey: ['party', id, what],
    queryFn: async () => {
      const path = { params: { path: { id } } };
      const masked = { params: { path: { id }, query: {} } };
      if (what === 'ratings') return ok(await api.GET('/v1/parties/{id}/ratings', path));
      if (what === 'versions') return ok(await api.GET('/v1/parties/{id}/versions', masked));
      return ok(await api.GET('/v1/parties/{id}/hits', masked));
    },
  });
  const d = q.data as { ratings?: RatingView[]; versions?: PartyVersionView[]; hits?: HitView[] } | undefined;
  if (!d) return null;

  if (d.ratings) {
    const ratings = [...d.ratings].reverse();
    if (!ratings.length) return <Empty description={t('customers.unrated')} />;
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="ratings">
        {ratings.map((r, i) => (
          <div key={r.at + i}>
            <Descriptions size="small" column={{ xs: 1, md: 4 }}>
              <Descriptions.Item label={t('customers.riskLevel')}>
                <RiskTag level={r.level} />
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.points')}>{r.points}</Descriptions.Item>
              <Descriptions.Item label={t('customers.trigger')}>
                {t(`customers.triggers.${r.trigger}`, r.trigger)}
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.ratedAt')}>{f.dateTime(r.at)}</Descriptions.Item>
            </Descriptions>
            <Table
              rowKey={(x) => `${x.factor}|${x.en}`}
              size="small"
              pagination={false}
              dataSource={r.reasons}
              locale={{ emptyText: <span style={{ color: '#595959' }}>{t('customers.noFactors')}</span> }}
              columns={[
                {
                  title: t('customers.factor'),
                  dataIndex: 'factor',
                  render: (x: string) => t(`customers.factors.${x}`, x),
                },
                { title: t('customers.points'), dataIndex: 'points', align: 'right' },
                {
                  title: t('customers.floor'),
                  dataIndex: 'floor',
                  render: (l?: RatingView['level']) => (l ? <RiskTag level={l} /> : '—'),
                },
                { title: t('customers.why'), key: 'why', render: (_: unknown, x) => (zh ? x.zh : x.en) },
              ]}
            />
            {i === 0 && ratings.length > 1 && <Typography.Title level={5}>{t('customers.earlier')}</Typography.Title>}
          </div>
        ))}
      </Space>
    );
  }

  if (d.versions)
    return (
      <Table<PartyVersionView>
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={[...d.versions].reverse()}
        expandable={{ expandedRowRender: (v) => <DataTable data={v.data} /> }}
        columns={[
          { title: t('customers.version'), dataIndex: 'version' },
          { title: t('customers.updatedAt'), dataIndex: 'createdAt', render: (v: number) => f.dateTime(v) },
          { title: t('customers.actor'), dataIndex: 'actor' },
          {
            title: t('customers.pii.label'),
            dataIndex: 'pii',
            render: (p: PartyVersionView['pii']) => <PiiTag pii={p} />,
          },
          {
            title: t('customers.contentHash'),
            dataIndex: 'contentHash',
            render: (h: string) => <code>{h.slice(0, 16)}</code>,
          },
        ]}
      />
    );

  const statusColour = {
    open: tone.orange,
    confirm_requested: tone.purple,
    false_positive: tone.green,
    confirmed: tone.red,
  } as const;
  return (
    <Table<HitView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={d.hits ?? []}
      locale={{ emptyText: <span style={{ color: '#595959' }}>{t('screening.noHits')}</span> }}
      columns={[
        { title: t('screening.matchedName'), dataIndex: 'matchedName' },
        { title: t('screening.list'), dataIndex: 'listId' },
        { title: t('screening.score'), dataIndex: 'score', render: (v: number) => `${(v * 100).toFixed(1)} %` },
        {
          title: t('customers.hitStatus'),
          dataIndex: 'status',
          render: (st: HitView['status']) => <Tag color={statusColour[st]}>{t(`customers.hitStatuses.${st}`)}</Tag>,
        },
        { title: t('customers.decidedBy'), dataIndex: 'decidedBy', render: (x: string | null) => x ?? '—' },
        { title: t('customers.decidedAt'), dataIndex: 'decidedAt', render: (x: number | null) => f.dateTime(x) },
        { title: t('screening.reason'), dataIndex: 'reason', render: (x: string | null) => x ?? '—' },
      ]}
    />
  );
}
