import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { can } from '../../lib/roles.ts';
import { tone } from '../../lib/tone.ts';
import { useSession } from '../../lib/use-session.ts';
import type { CelCheck, RuleSetDoc } from './types.ts';
import { useRuleSet } from './VersionPanel.tsx';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 };

/** Line and column (1-based, UTF-16 units as the server counts) of a caret offset. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * A rule's CEL expression, checked by the server's own checker as you type (debounced): the type when it
 * compiles, else every error at its line and column. A changed rule can be saved as a new draft version.
 */
export function CelEditor({ version }: { version: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const s = useSession();
  const qc = useQueryClient();
  const rs = useRuleSet(version);
  const doc = (rs.data?.content ?? {}) as RuleSetDoc;
  const rules = doc.rules ?? [];
  const [ruleId, setRuleId] = useState<string>();
  const [text, setText] = useState<string>();
  const [check, setCheck] = useState<CelCheck>();
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  const [newVersion, setNewVersion] = useState('');
  const seq = useRef(0);
  const rule = rules.find((r) => r.id === ruleId) ?? rules[0];
  const source = text ?? rule?.expression ?? '';

  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void api
        .POST('/v1/cel:check', { body: { expression: source, version } })
        .then((r) => ok(r))
        .then((c) => mine === seq.current && setCheck(c))
        .catch(() => undefined);
    }, 300);
    return () => clearTimeout(timer);
  }, [source, version]);

  const lines = source.split('\n');
  const save = async () => {
    if (!rule) return;
    try {
      const content = {
        ...doc,
        version: newVersion,
        rules: rules.map((r) => (r.id === rule.id ? { ...r, expression: source } : r)),
      };
      ok(await api.POST('/v1/rulesets', { body: content }));
      void message.success(t('rules.cel.saved', { version: newVersion }));
      await qc.invalidateQueries({ queryKey: ['rulesets'] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };

  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('rules.cel.rule')}
          style={{ minWidth: 280 }}
          value={rule?.id}
          options={rules.map((r) => ({ value: r.id, label: r.id }))}
          onChange={(id: string) => {
            setRuleId(id);
            setText(undefined);
          }}
        />
        <Typography.Text data-testid="cel-caret">{t('rules.cel.caret', caret)}</Typography.Text>
        {check?.ok && (
          <Tag color={tone.green} data-testid="cel-ok">
            {t('rules.cel.ok', { type: check.type })}
          </Tag>
        )}
      </Space>
      <label htmlFor="cel-source" style={{ display: 'block', marginBottom: 4 }}>
        {t('rules.cel.expression')}
      </label>
      <Input.TextArea
        id="cel-source"
        data-testid="cel-source"
        value={source}
        spellCheck={false}
        autoSize={{ minRows: 4, maxRows: 16 }}
        style={mono}
        aria-invalid={check ? !check.ok : undefined}
        aria-describedby="cel-errors"
        onChange={(e) => {
          setText(e.target.value);
          setCaret(lineCol(e.target.value, e.target.selectionStart));
        }}
        onSelect={(e) => setCaret(lineCol(e.currentTarget.value, e.currentTarget.selectionStart))}
      />
      <div id="cel-errors" aria-live="polite" style={{ marginTop: 8 }}>
        {check && !check.ok && (
          <ul data-testid="cel-errors" style={{ paddingLeft: 0, listStyle: 'none', margin: 0 }}>
            {check.errors.map((e, i) => (
              <li key={i} style={{ marginBottom: 8 }}>
                <Typography.Text strong style={{ color: tone.red }}>
                  {t('rules.cel.at', { line: e.line, column: e.column })}
                </Typography.Text>{' '}
                <Tag>{t(`rules.cel.codes.${e.code}`, e.code)}</Tag>
                <Typography.Text>{e.message}</Typography.Text>
                <pre style={{ ...mono, margin: '4px 0 0', background: '#fafafa', padding: '4px 8px' }}>
                  {`${lines[e.line - 1] ?? ''}\n${' '.repeat(Math.max(0, e.column - 1))}^`}
                </pre>
              </li>
            ))}
          </ul>
        )}
      </div>
      {can(s.user.roles, 'rules:write') && rule && (
        <Space wrap style={{ marginTop: 12 }}>
          <Input
            aria-label={t('rules.cel.newVersion')}
            placeholder={t('rules.cel.newVersion')}
            value={newVersion}
            onChange={(e) => setNewVersion(e.target.value)}
            style={{ width: 240 }}
            data-testid="cel-version"
          />
          <Button
            disabled={!check?.ok || text === undefined || !newVersion}
            onClick={() => void save()}
            data-testid="cel-save"
          >
            {t('rules.cel.save')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
