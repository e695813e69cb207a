import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { tone } from '../../lib/tone.ts';
import type { ScreenHit, ScreenReply } from './types.ts';

interface Query {
  name: string;
  kind?: 'person' | 'organisation';
  dob?: string;
  country?: string;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function Explanation({ h }: { h: ScreenHit }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('screening.tokens')}</Typography.Text>
      <Table
        rowKey={(p) => `${p.query}|${p.entry}`}
        size="small"
        pagination={false}
        dataSource={h.parts}
        columns={[
          { title: t('screening.queryToken'), dataIndex: 'query' },
          { title: t('screening.entryToken'), dataIndex: 'entry' },
          { title: t('screening.method'), dataIndex: 'method', render: (m: string) => t(`screening.methods.${m}`, m) },
          { title: t('screening.similarity'), dataIndex: 'similarity', render: (v: number) => pct(v) },
        ]}
      />
      <Typography.Text strong>{t('screening.factors')}</Typography.Text>
      <Table
        rowKey={(x) => `${x.factor}|${x.detail}`}
        size="small"
        pagination={false}
        dataSource={h.factors}
        columns={[
          {
            title: t('screening.factor'),
            dataIndex: 'factor',
            render: (x: string) => t(`screening.factorNames.${x}`, x),
          },
          { title: t('screening.detail'), dataIndex: 'detail' },
          { title: t('screening.logOdds'), dataIndex: 'logOdds', render: (v: number) => v.toFixed(2) },
        ]}
      />
    </Space>
  );
}

/** Screens one name (any script) against the loaded lists; each hit explains which name parts matched and how. */
export function ScreenSearch() {
  const { t, i18n } = useTranslation();
  const [reply, setReply] = useState<ScreenReply>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const screen = async (q: Query) => {
    setBusy(true);
    setError(undefined);
    try {
      const query = {
        name: q.name.trim(),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.dob ? { dob: q.dob } : {}),
        ...(q.country ? { country: q.country.trim() } : {}),
      };
      setReply(ok(await api.POST('/v1/screen', { body: { query, maxHits: 20 } })));
    } catch (e) {
      setReply(undefined);
      setError(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  const hits = reply?.results[0]?.hits ?? [];
  return (
    <Card size="small">
      <Form<Query> layout="inline" onFinish={(q) => void screen(q)} style={{ rowGap: 8 }}>
        <Form.Item
          name="name"
          label={t('screening.name')}
          rules={[{ required: true, whitespace: true, message: t('login.required') }]}
        >
          <Input style={{ width: 260 }} data-testid="screen-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('screening.kind')}>
          <Select
            allowClear
            aria-label={t('screening.kind')}
            style={{ width: 140 }}
            options={(['person', 'organisation'] as const).map((k) => ({ value: k, label: t(`screening.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="dob" label={t('screening.dob')}>
          <Input style={{ width: 130 }} placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="country" label={t('screening.country')}>
          <Input style={{ width: 90 }} placeholder="CN" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="screen-run">
          {t('screening.search')}
        </Button>
      </Form>
      {error && <Alert style={{ marginTop: 16 }} type="error" title={error} />}
      {reply && (
        <>
          <Typography.Paragraph style={{ marginTop: 16 }} data-testid="screen-versions">
            {t('screening.against', { versions: reply.listVersions.join(', ') })}
          </Typography.Paragraph>
          <Table<ScreenHit>
            rowKey={(h) => `${h.listId}|${h.entryId}`}
            size="small"
            dataSource={hits}
            pagination={false}
            locale={{ emptyText: <span style={{ color: '#595959' }}>{t('screening.noHits')}</span> }}
            expandable={{
              expandedRowRender: (h) => <Explanation h={h} />,
              defaultExpandedRowKeys: hits[0] ? [`${hits[0].listId}|${hits[0].entryId}`] : [],
            }}
            columns={[
              { title: t('screening.matchedName'), dataIndex: 'matchedName' },
              { title: t('screening.list'), dataIndex: 'listId' },
              { title: t('screening.entry'), dataIndex: 'entryId' },
              {
                title: t('screening.version'),
                key: 'version',
                render: (_: unknown, h) => reply.listVersions.find((v) => v.startsWith(`${h.listId}@`)) ?? '—',
              },
              { title: t('screening.score'), dataIndex: 'score', align: 'right', render: (v: number) => pct(v) },
              {
                title: t('screening.recommendation'),
                dataIndex: 'recommendation',
                render: (r: ScreenHit['recommendation'], h) => (
                  <Space size={4}>
                    <Tag color={r === 'block' ? tone.red : tone.orange}>{t(`screening.rec.${r}`)}</Tag>
                    {h.weakOnly && <Tag>{t('screening.weakOnly')}</Tag>}
                    {h.decisive && <Tag color={tone.purple}>{t('screening.decisive')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
