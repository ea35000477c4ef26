import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { DemoBanner } from '../../components/demo-banner.tsx';
import { MfaCodeStep } from '../mfa/mfa-code-step.tsx';

type Values = { username: string; password: string };

export function LoginPage({ reason }: { reason: string | null }) {
  const t = useT();
  const { login } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  /** Password right, second factor awaited (双因素认证). */
  const [mfaToken, setMfaToken] = useState<string | null>(null);

  const notice =
    reason === 'session_expired'
      ? t('login.sessionExpired')
      : reason === 'logged_out'
        ? t('login.loggedOut')
        : null;

  const submit = async (v: Values) => {
    setPending(true);
    setError(null);
    try {
      const step = await login(v.username.trim(), v.password);
      if (step) {
        setMfaToken(step.mfaToken);
        setPending(false);
      }
    } catch (e) {
      setError(errorMessage(e, t));
      setPending(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #0b2e66 0%, #1f5fbf 55%, #e8eef8 55%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch size="small" />
      </div>
      <Typography.Title level={2} style={{ color: '#fff', textAlign: 'center', marginBottom: 24 }}>
        {t('app.title')}
      </Typography.Title>
      <div style={{ width: '100%', maxWidth: 560, marginBottom: 16 }}>
        <DemoBanner withHint />
      </div>
      <Card style={{ width: '100%', maxWidth: 380 }} title={t('login.title')}>
        {notice && (
          <Alert
            type={reason === 'session_expired' ? 'warning' : 'info'}
            showIcon
            title={notice}
            style={{ marginBottom: 16 }}
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        {mfaToken ? (
          <MfaCodeStep
            mfaToken={mfaToken}
            onBack={(message) => {
              setMfaToken(null);
              setError(message);
            }}
          />
        ) : (
          <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('login.required.username') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.required.password') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={pending}>
              {t('login.submit')}
            </Button>
          </Form>
        )}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24 }}>
        {t('login.subtitle')}
      </Typography.Text>
    </div>
  );
}
