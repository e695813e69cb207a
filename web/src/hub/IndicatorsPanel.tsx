import { Alert, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hubApi, ok } from '../api/hub-client.ts';
import { tone } from '../lib/tone.ts';
import { FlagsTable } from './FlagsTable.tsx';
import { indicatorKeys, useIndicatorText } from './IndicatorsTable.tsx';
import { flagsOn } from './logic.ts';

/** One platform's indicators, each with the flag it raised, then the flags with their thresholds. */
export function IndicatorsPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const text = useIndicatorText();
  const q = useQuery({
    queryKey: ['hub', 'platform', id, 'dashboard'],
    queryFn: async () => ok(await hubApi.GET('/v1/hub/platforms/{id}/dashboard', { params: { path: { id } } })),
  });
  if (q.isPending) return <Spin aria-label={t('hub.common.loading')} />;
  if (q.isError) return <Alert type="error" role="alert" title={q.error.message} />;
  const row = q.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={indicatorKeys.map((k) => {
          const flag = flagsOn(row.flags, k)[0];
          return {
            key: k,
            label: t(`hub.ind.${k}`),
            children: (
              <Space size={4} data-indicator={k}>
                {text(row.indicators, k)}
                {flag && (
                  <Tag color={flag.severity === 'critical' ? tone.red : tone.orange}>
                    {t(`hub.severity.${flag.severity}`)}
                  </Tag>
                )}
              </Space>
            ),
          };
        })}
      />
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {t('hub.dashboard.warnings')}
      </Typography.Title>
      <FlagsTable rows={[row]} showPlatform={false} />
    </Space>
  );
}
