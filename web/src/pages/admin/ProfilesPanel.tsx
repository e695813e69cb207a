import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';

type Profiles = Awaited<ReturnType<typeof load>>;
const load = async () => ok(await api.GET('/v1/reporting-profiles'));

const show = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));

/** The reporting identities the server files under (PBOC, goAML, FinCEN), read-only: set in its configuration. */
export function ProfilesPanel() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['admin', 'reporting-profiles'], queryFn: load });
  const formats: { key: keyof Profiles; title: string }[] = [
    { key: 'pboc', title: t('admin.profiles.pboc') },
    { key: 'goaml', title: t('admin.profiles.goaml') },
    { key: 'fincen', title: t('admin.profiles.fincen') },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('admin.profiles.intro')}</Typography.Paragraph>
      {formats.map(({ key, title }) => {
        const p = q.data?.[key];
        return (
          <Card key={key} size="small" title={title} loading={q.isLoading}>
            {p ? (
              <Descriptions
                size="small"
                column={1}
                items={Object.entries(p).map(([k, v]) => ({ key: k, label: k, children: show(v) }))}
              />
            ) : (
              <Typography.Text>{t('admin.profiles.none')}</Typography.Text>
            )}
          </Card>
        );
      })}
    </Space>
  );
}
