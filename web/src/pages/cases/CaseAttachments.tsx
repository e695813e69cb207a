import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError, okAs } from '../../api/client.ts';
import type { AttachmentMeta, CaseRecord } from '../../api/types.ts';
import { can } from '../../lib/roles.ts';
import { useFormat } from '../../lib/use-format.ts';
import { session } from '../../lib/session.ts';
import { useSession } from '../../lib/use-session.ts';

async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Downloads with the bearer token (a plain link would not carry it). */
export async function download(path: string, name: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.get()?.token ?? ''}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CaseAttachments({ c }: { c: CaseRecord }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['attachments', c.id],
    queryFn: async () =>
      okAs<{ attachments: AttachmentMeta[] }>(
        await api.GET('/v1/cases/{id}/attachments', { params: { path: { id: c.id } } }),
      ),
  });

  const upload = async (file: File) => {
    try {
      const body = {
        name: file.name,
        contentType: file.type || 'application/octet-stream',
        dataBase64: await base64(file),
      };
      okAs(await api.POST('/v1/cases/{id}/attachments', { params: { path: { id: c.id } }, body }));
      void message.success(t('attachments.uploaded', { name: file.name }));
      await qc.invalidateQueries({ queryKey: ['attachments', c.id] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };

  return (
    <>
      {can(s.user.roles, 'cases:work') && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('attachments.upload')}</Button>
        </Upload>
      )}
      <Table<AttachmentMeta>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={q.isLoading}
        pagination={false}
        dataSource={q.data?.attachments ?? []}
        columns={[
          {
            title: t('attachments.name'),
            dataIndex: 'name',
            render: (v: string, a) => (
              <Button type="link" onClick={() => void download(`/v1/cases/${c.id}/attachments/${a.id}`, v)}>
                {v}
              </Button>
            ),
          },
          { title: t('attachments.size'), dataIndex: 'size', align: 'right' },
          { title: 'SHA-256', dataIndex: 'sha256', render: (v: string) => <code>{v.slice(0, 16)}…</code> },
          {
            title: t('notes.who'),
            dataIndex: 'createdBy',
            render: (v: string) => (v === s.user.id ? t('cases.me') : v),
          },
          { title: t('notes.at'), dataIndex: 'createdAt', render: (v: number) => f.dateTime(v) },
        ]}
      />
    </>
  );
}
