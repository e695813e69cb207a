import { useMemo, useState } from 'react';
import { Card, Empty, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { diffLines, hunks, type DiffItem, type Side } from './diff.ts';
import { useRuleSet } from './VersionPanel.tsx';

const bg = { del: '#ffe7e7', add: '#e6f7e6', change: '#fff5db', same: undefined } as const;
const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };

function Cell({ side, kind, mark }: { side: Side | undefined; kind: keyof typeof bg; mark: string }) {
  return (
    <>
      <td style={{ ...mono, color: '#595959', textAlign: 'right', padding: '0 6px', userSelect: 'none' }}>
        {side?.n ?? ''}
      </td>
      <td style={{ ...mono, background: side ? bg[kind] : '#f5f5f5', whiteSpace: 'pre-wrap', padding: '0 6px' }}>
        {side && kind !== 'same' ? <span aria-label={mark}>{mark} </span> : null}
        {side?.text ?? ''}
      </td>
    </>
  );
}

/** Two versions' documents side by side, changed lines marked (with context, or in full). */
export function DiffView({ versions, right }: { versions: string[]; right: string }) {
  const { t } = useTranslation();
  const [leftV, setLeftV] = useState<string>();
  const [rightV, setRightV] = useState<string>();
  const [full, setFull] = useState(false);
  const r = rightV ?? right;
  const l = leftV ?? versions.find((v) => v !== r) ?? r;
  const a = useRuleSet(l);
  const b = useRuleSet(r);
  const items = useMemo<DiffItem[] | undefined>(() => {
    if (!a.data || !b.data) return undefined;
    const rows = diffLines(JSON.stringify(a.data.content, null, 2), JSON.stringify(b.data.content, null, 2));
    return full ? rows : hunks(rows);
  }, [a.data, b.data, full]);
  const options = versions.map((v) => ({ value: v, label: v }));
  const changed = items?.filter((x) => x.kind !== 'same' && x.kind !== 'gap').length ?? 0;

  return (
    <Card size="small" loading={!items}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('rules.diffLeft')}
          style={{ minWidth: 220 }}
          value={l}
          options={options}
          onChange={setLeftV}
        />
        <span aria-hidden>→</span>
        <Select
          aria-label={t('rules.diffRight')}
          style={{ minWidth: 220 }}
          value={r}
          options={options}
          onChange={setRightV}
        />
        <label>
          <Switch size="small" checked={full} onChange={setFull} /> {t('rules.diffFull')}
        </label>
        <Typography.Text data-testid="diff-count">{t('rules.diffChanged', { n: changed })}</Typography.Text>
      </Space>
      {items && changed === 0 && !full ? (
        <Empty description={t('rules.diffSame')} />
      ) : (
        <div style={{ maxHeight: 560, overflow: 'auto' }}>
          <table
            style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}
            aria-label={t('rules.tabDiff')}
          >
            <colgroup>
              <col style={{ width: 48 }} />
              <col />
              <col style={{ width: 48 }} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th colSpan={2} style={{ textAlign: 'left' }}>
                  {l}
                </th>
                <th colSpan={2} style={{ textAlign: 'left' }}>
                  {r}
                </th>
              </tr>
            </thead>
            <tbody>
              {items?.map((x, i) =>
                x.kind === 'gap' ? (
                  <tr key={i}>
                    <td colSpan={4} style={{ ...mono, color: '#595959', background: '#fafafa', padding: '2px 8px' }}>
                      {t('rules.diffGap', { n: x.lines })}
                    </td>
                  </tr>
                ) : (
                  <tr key={i} data-kind={x.kind}>
                    <Cell side={x.left} kind={x.kind} mark="−" />
                    <Cell side={x.right} kind={x.kind} mark="+" />
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
