import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export default function RulesPage() {
  const { t } = useTranslation();
  return <Typography.Title level={2}>{t('menu.rules')}</Typography.Title>;
}
