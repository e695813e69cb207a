import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { can } from '../../lib/roles.ts';
import { BacktestPanel } from './BacktestPanel.tsx';
import { CelEditor } from './CelEditor.tsx';
import { DiffView } from './DiffView.tsx';
import { RuleSetStatus } from './RuleSetStatus.tsx';
import type { RuleSetView } from './types.ts';
import { VersionPanel } from './VersionPanel.tsx';

/** Rule sets: versions and their four-eyes lifecycle, a diff of two versions, backtests, the CEL editor. */
export default function RulesPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const s = useSession();
  const [params] = useSearchParams();
  const selected = params.get('version') ?? undefined;
  const list = useQuery({
    queryKey: ['rulesets'],
    queryFn: async () => ok(await api.GET('/v1/rulesets')),
  });
  const versions = [...(list.data ?? [])].sort((a, b) => b.createdAt - a.createdAt);
  const current = selected ?? versions.find((v) => v.active)?.version ?? versions[0]?.version;

  return (
    <>
      <Typography.Title level={2}>{t('menu.rules')}</Typography.Title>
      {list.error && (
        <Alert
          type="error"
          title={list.error instanceof ApiError ? list.error.localized(i18n.language) : t('common.networkError')}
        />
      )}
      <Card size="small" title={t('rules.versions')}>
        <Table<RuleSetView>
          rowKey="version"
          size="small"
          loading={list.isLoading}
          dataSource={versions}
          pagination={{ pageSize: 8, showSizeChanger: false }}
          rowClassName={(v) => (v.version === current ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('rules.version'),
              dataIndex: 'version',
              render: (v: string) => (
                <Link data-testid={`rs-${v}`} to={`/rules?version=${encodeURIComponent(v)}`}>
                  {v}
                </Link>
              ),
            },
            { title: t('rules.status'), key: 'status', render: (_: unknown, v) => <RuleSetStatus v={v} /> },
            { title: t('rules.createdBy'), dataIndex: 'createdBy' },
            { title: t('rules.createdAt'), dataIndex: 'createdAt', render: (v: number) => f.dateTime(v) },
          ]}
        />
      </Card>
      {current && (
        <Tabs
          style={{ marginTop: 16 }}
          items={[
            { key: 'version', label: t('rules.tabVersion'), children: <VersionPanel version={current} /> },
            {
              key: 'diff',
              label: t('rules.tabDiff'),
              children: <DiffView versions={versions.map((v) => v.version)} right={current} />,
            },
            ...(can(s.user.roles, 'backtests')
              ? [{ key: 'backtest', label: t('rules.tabBacktest'), children: <BacktestPanel version={current} /> }]
              : []),
            { key: 'cel', label: t('rules.tabCel'), children: <CelEditor version={current} /> },
          ]}
        />
      )}
    </>
  );
}
