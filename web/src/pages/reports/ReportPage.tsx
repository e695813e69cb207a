import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export default function ReportPage() {
  const { t } = useTranslation();
  return <Typography.Title level={2}>{t('menu.reports')}</Typography.Title>;
}
