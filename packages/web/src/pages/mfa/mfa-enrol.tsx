import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Spin, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { MfaRecoveryCodesResponse, MfaSetupResponse } from '@guatu/contracts';
import { api, errorMessage } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';

/**
 * Enrolment: a fresh secret (QR code and the secret to type), the first code to confirm it, then
 * the recovery codes, shown once. `onDone` runs after the user has seen the codes.
 */
export function MfaEnrol({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [codes, setCodes] = useState<string[] | null>(null);
  const setup = useMutation({ mutationFn: () => api.post<MfaSetupResponse>('/auth/mfa/setup') });
  const activate = useMutation({
    mutationFn: (code: string) => api.post<MfaRecoveryCodesResponse>('/auth/mfa/activate', { code }),
    onSuccess: (r) => setCodes(r.recoveryCodes),
  });
  const { mutate: start } = setup;
  useEffect(() => start(), [start]);

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  if (setup.error) return <Alert type="error" showIcon title={errorMessage(setup.error, t)} />;
  if (!setup.data) return <Spin tip={t('mfa.enrol.loading')}>{<div style={{ height: 120 }} />}</Spin>;
  const { qrDataUrl, secret } = setup.data;
  return (
    <div>
      <Typography.Paragraph strong>{t('mfa.enrol.step1')}</Typography.Paragraph>
      <div style={{ textAlign: 'center', marginBottom: 8 }}>
        <img src={qrDataUrl} alt="otpauth QR" width={200} height={200} />
      </div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
        {t('mfa.enrol.manual')}{' '}
        <Typography.Text code copyable data-testid="mfa-secret" style={{ wordBreak: 'break-all' }}>
          {secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph strong>{t('mfa.enrol.step2')}</Typography.Paragraph>
      {activate.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(activate.error, t)}
          style={{ marginBottom: 12 }}
          role="alert"
        />
      )}
      <Form<{ code: string }> layout="inline" onFinish={(v) => activate.mutate(v.code.trim())}>
        <Form.Item
          name="code"
          label={t('mfa.step.code')}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.step.codeRequired') }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={activate.isPending}>
          {t('mfa.enrol.submit')}
        </Button>
      </Form>
    </div>
  );
}
