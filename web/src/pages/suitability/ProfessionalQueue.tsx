import { useQuery } from '@tanstack/react-query';
import { Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { professionalCommandsFor } from './suitability-commands.ts';
import type { ProfessionalRequest } from './types.ts';
import { useProfessional } from './use-professional.ts';

/** Professional-investor proposals waiting for their second operator. */
export function ProfessionalQueue({ onOpen }: { onOpen: (customerId: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = useSession();
  const { act, busy } = useProfessional();
  const q = useQuery({
    queryKey: ['suitability', 'professional-requests'],
    queryFn: async () => ok(await api.GET('/v1/suitability/professional-requests')),
  });
  return (
    <Table<ProfessionalRequest>
      rowKey="customerId"
      size="middle"
      loading={q.isLoading}
      dataSource={q.data?.requests ?? []}
      pagination={false}
      columns={[
        {
          title: t('suitability.customer'),
          dataIndex: 'customerId',
          render: (v: string) => <a onClick={() => onOpen(v)}>{v}</a>,
        },
        { title: t('suitability.basis'), dataIndex: 'basis' },
        {
          title: t('suitability.proposedBy'),
          dataIndex: 'proposedBy',
          render: (v: string) => (v === s.user.id ? t('cases.me') : v),
        },
        {
          title: t('suitability.proposedAt'),
          dataIndex: 'proposedAt',
          render: (v: string) => f.dateTime(Date.parse(v)),
        },
        {
          title: t('common.actions'),
          key: 'act',
          render: (_: unknown, r) =>
            professionalCommandsFor(r, s.user)
              .filter((c) => c.id === 'approve')
              .map((c) => (
                <span key={c.id}>
                  <Button
                    size="small"
                    type="primary"
                    disabled={c.withheld !== undefined || busy}
                    data-testid={`pro-approve-${r.customerId}`}
                    onClick={() => void act(r.customerId, 'approve')}
                  >
                    {t('suitability.cmd.approve')}
                  </Button>
                  {c.withheld && <div style={{ fontSize: 12 }}>{t(`suitability.withheld.${c.withheld}`)}</div>}
                </span>
              )),
        },
      ]}
    />
  );
}
