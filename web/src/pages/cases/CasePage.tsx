import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export default function CasePage() {
  const { t } = useTranslation();
  return <Typography.Title level={2}>{t('menu.cases')}</Typography.Title>;
}
