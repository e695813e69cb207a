import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { download } from '../cases/CaseAttachments.tsx';

export type TableId =
  'funnel' | 'aging' | 'time-to-close-queue' | 'time-to-close-assignee' | 'rules' | 'typologies' | 'coverage' | 'all';

/** CSV, XLSX and PDF of one table (XLSX and PDF only for all tables), in the console's language. */
export function ExportButtons({ table, range }: { table: TableId; range: { from: string; to: string } }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const formats = table === 'all' ? (['xlsx', 'pdf'] as const) : (['csv', 'xlsx', 'pdf'] as const);
  const get = async (format: string) => {
    const q = new URLSearchParams({ format, lang, from: range.from, to: range.to });
    try {
      await download(`/v1/metrics/compliance/${table}/export?${q.toString()}`, `compliance-${table}.${format}`);
    } catch {
      void message.error(t('common.networkError'));
    }
  };
  return (
    <Space size={4}>
      {formats.map((f) => (
        <Button
          key={f}
          size="small"
          icon={<DownloadOutlined />}
          aria-label={t('metrics.exportAs', { table: t(`metrics.tables.${table}`), format: f.toUpperCase() })}
          data-testid={`export-${table}-${f}`}
          onClick={() => void get(f)}
        >
          {f.toUpperCase()}
        </Button>
      ))}
    </Space>
  );
}
