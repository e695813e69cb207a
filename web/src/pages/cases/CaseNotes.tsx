import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, okAs } from '../../api/client.ts';
import type { CaseRecord, HistoryEntry } from '../../api/types.ts';
import { can } from '../../lib/roles.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';

function detailText(h: HistoryEntry): string {
  const d = h.detail;
  if (typeof d.text === 'string') return d.text;
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/** Comments and the case's history: who did what and when. */
export function CaseNotes({ c, history }: { c: CaseRecord; history: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const [text, setText] = useState('');

  const add = async () => {
    try {
      okAs(await api.POST('/v1/cases/{id}/comments', { params: { path: { id: c.id } }, body: { text } }));
      setText('');
      await qc.invalidateQueries({ queryKey: ['case', c.id] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };

  return (
    <>
      {can(s.user.roles, 'cases:work') && (
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <Input.TextArea
            aria-label={t('notes.comment')}
            placeholder={t('notes.comment')}
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="primary" disabled={!text.trim()} onClick={() => void add()}>
            {t('notes.add')}
          </Button>
        </Space.Compact>
      )}
      <Table<HistoryEntry>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...history].reverse()}
        columns={[
          { title: t('notes.at'), dataIndex: 'at', render: (v: number) => f.dateTime(v), width: 180 },
          {
            title: t('notes.who'),
            dataIndex: 'actor',
            width: 200,
            render: (v: string) => (v === s.user.id ? t('cases.me') : v === 'system' ? t('notes.system') : v),
          },
          {
            title: t('notes.action'),
            dataIndex: 'action',
            width: 160,
            render: (v: string) => t(`history.${v}`, { defaultValue: v }),
          },
          { title: t('notes.detail'), key: 'detail', render: (_: unknown, h) => detailText(h) },
        ]}
      />
    </>
  );
}
