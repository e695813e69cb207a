import { Collapse, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const terms = ['funnel', 'aging', 'timeToClose', 'fpRate', 'coverage'] as const;

/** How each figure is counted, so an examiner can reproduce it from the records. */
export function MetricDefinitions() {
  const { t } = useTranslation();
  return (
    <Collapse
      style={{ marginTop: 16 }}
      items={[
        {
          key: 'defs',
          label: t('metrics.definitions.title'),
          children: terms.map((k) => (
            <Typography.Paragraph key={k}>
              <Typography.Text strong>{t(`metrics.definitions.${k}.term`)}</Typography.Text>
              {' — '}
              {t(`metrics.definitions.${k}.text`)}
            </Typography.Paragraph>
          )),
        },
      ]}
    />
  );
}
