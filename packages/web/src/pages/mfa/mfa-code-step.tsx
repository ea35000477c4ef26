import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';

/** The second login step: the authenticator's 6-digit code, or a recovery code. */
export function MfaCodeStep({
  mfaToken,
  onBack,
}: {
  mfaToken: string;
  onBack: (error: string | null) => void;
}) {
  const { t } = useI18n();
  const { verifyMfa } = useSession();
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  const submit = async ({ code }: { code: string }) => {
    setPending(true);
    setError(null);
    try {
      await verifyMfa(mfaToken, code.trim());
    } catch (e) {
      setPending(false);
      // Expired step or a lockout: back to the password, with the message.
      if (e instanceof ApiError && (e.code === 'mfa_token_invalid' || e.code === 'locked')) onBack(e.message);
      else {
        setError(errorMessage(e, t));
        form.resetFields();
      }
    }
  };

  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <SafetyOutlined /> {t('mfa.step.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {recovery ? t('mfa.step.recoveryHint') : t('mfa.step.hint')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        {recovery ? (
          <Form.Item
            key="recovery"
            name="code"
            label={t('mfa.step.recovery')}
            rules={[{ required: true, message: t('mfa.step.recoveryRequired') }]}
          >
            <Input autoComplete="off" autoFocus size="large" placeholder="abcde-fghjk" />
          </Form.Item>
        ) : (
          <Form.Item
            key="totp"
            name="code"
            label={t('mfa.step.code')}
            rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.step.codeRequired') }]}
          >
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
              size="large"
              style={{ letterSpacing: 6, fontSize: 20 }}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={pending}>
          {t('mfa.step.submit')}
        </Button>
      </Form>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12 }}>
        <Button type="link" style={{ padding: 0 }} onClick={() => onBack(null)}>
          {t('mfa.step.back')}
        </Button>
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => {
            setRecovery(!recovery);
            setError(null);
            form.resetFields();
          }}
        >
          {recovery ? t('mfa.step.useTotp') : t('mfa.step.useRecovery')}
        </Button>
      </div>
    </div>
  );
}
