import { useState } from 'react';
import { Input, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CustomerSuitability } from './CustomerSuitability.tsx';
import { ProductsTable } from './ProductsTable.tsx';
import { ProfessionalQueue } from './ProfessionalQueue.tsx';
import './i18n.ts';

export default function SuitabilityPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('customer');
  const [customer, setCustomer] = useState<string>();
  const open = (id: string) => {
    setCustomer(id);
    setTab('customer');
  };
  return (
    <>
      <Typography.Title level={2}>{t('menu.suitability')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'customer',
            label: t('suitability.tabs.customer'),
            children: (
              <>
                <Input.Search
                  aria-label={t('suitability.customer')}
                  placeholder={t('suitability.customerPlaceholder')}
                  enterButton={t('suitability.look')}
                  style={{ maxWidth: 420, marginBottom: 16 }}
                  key={customer ?? '-'}
                  defaultValue={customer}
                  onSearch={(v) => v.trim() && setCustomer(v.trim())}
                  data-testid="suit-customer"
                />
                {customer && <CustomerSuitability customerId={customer} key={customer} />}
              </>
            ),
          },
          {
            key: 'professional',
            label: t('suitability.tabs.professional'),
            children: <ProfessionalQueue onOpen={open} />,
          },
          { key: 'products', label: t('suitability.tabs.products'), children: <ProductsTable /> },
        ]}
      />
    </>
  );
}
