import './i18n.ts';
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { HitReview } from './HitReview.tsx';
import { ListVersions } from './ListVersions.tsx';
import { ScreenSearch } from './ScreenSearch.tsx';

/** Screening: search a name with explained hits, review customers' open hits, the list versions loaded. */
export default function ScreeningPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={2}>{t('menu.screening')}</Typography.Title>
      <Tabs
        items={[
          { key: 'search', label: t('screening.tabSearch'), children: <ScreenSearch /> },
          { key: 'review', label: t('screening.tabReview'), children: <HitReview /> },
          { key: 'lists', label: t('screening.tabLists'), children: <ListVersions /> },
        ]}
      />
    </>
  );
}
