import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, hubApi, ok } from '../api/hub-client.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { hubSession } from './session.ts';

interface Fields {
  username: string;
  password: string;
}

/** A supervisor's sign-in (POST /v1/hub/auth/login; locked accounts get the server's bilingual answer). */
export function HubLoginPage() {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (f: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = ok(await hubApi.POST('/v1/hub/auth/login', { body: f }));
      hubSession.set({ token: r.token, expiresAt: r.expiresAt, supervisor: r.supervisor });
    } catch (e) {
      setError(e instanceof ApiError ? e.localized(i18n.language) : t('hub.common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
            {t('hub.app')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('hub.login.intro')}</Typography.Paragraph>
        {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form<Fields> layout="vertical" onFinish={(f) => void submit(f)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('hub.login.username')}
            rules={[{ required: true, message: t('hub.login.required') }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('hub.login.password')}
            rules={[{ required: true, message: t('hub.login.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('hub.login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
