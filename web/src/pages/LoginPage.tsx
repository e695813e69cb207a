import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../api/client.ts';
import { session } from '../lib/session.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';

interface Fields {
  tenantId: string;
  username: string;
  password: string;
}

const lastTenant = 'zhili.tenant';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (f: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = ok(await api.POST('/v1/auth/login', { body: f }));
      localStorage.setItem(lastTenant, f.tenantId);
      // Dates show in the tenant's time zone, which the server keeps with the tenant.
      const me = ok(await api.GET('/v1/me', { headers: { authorization: `Bearer ${r.token}` } }));
      session.set({ token: r.token, expiresAt: r.expiresAt, user: r.user, timeZone: me.tenant.timeZone });
    } catch (e) {
      setError(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
            {t('app.name')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('login.intro')}</Typography.Paragraph>
        {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form<Fields>
          layout="vertical"
          onFinish={(f) => void submit(f)}
          initialValues={{ tenantId: localStorage.getItem(lastTenant) ?? '' }}
          requiredMark={false}
        >
          <Form.Item
            name="tenantId"
            label={t('login.tenant')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input autoComplete="organization" />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
