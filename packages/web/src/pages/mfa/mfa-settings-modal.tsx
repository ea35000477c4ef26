import { useState } from 'react';
import { App, Alert, Button, Descriptions, Form, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { MfaRecoveryCodesResponse, MfaStatusResponse } from '@guatu/contracts';
import { api, errorMessage } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { MfaEnrol } from './mfa-enrol.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';

type Mode = 'view' | 'enrol' | 'disable' | 'regenerate';

/** 双因素认证 in the user's menu: status, turn on/off (not for the officers), new recovery codes. */
export function MfaSettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { refresh } = useSession();
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>('view');
  const [codes, setCodes] = useState<string[] | null>(null);
  const status = useQuery({
    queryKey: ['auth', 'mfa'],
    queryFn: () => api.get<MfaStatusResponse>('/auth/mfa'),
    enabled: open,
  });
  const reload = () => {
    void client.invalidateQueries({ queryKey: ['auth', 'mfa'] });
    void refresh();
  };
  const withPassword = useMutation({
    mutationFn: ({ password }: { password: string }) =>
      mode === 'disable'
        ? api.post('/auth/mfa/disable', { password }).then(() => null)
        : api.post<MfaRecoveryCodesResponse>('/auth/mfa/recovery-codes', { password }),
    onSuccess: (r) => {
      if (r) setCodes(r.recoveryCodes);
      else {
        void message.success(t('mfa.settings.disabledDone'));
        setMode('view');
      }
      reload();
    },
  });
  const close = () => {
    setMode('view');
    setCodes(null);
    withPassword.reset();
    onClose();
  };
  const s = status.data;

  let body;
  if (codes)
    body = (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          setMode('view');
        }}
      />
    );
  else if (mode === 'enrol')
    body = (
      <MfaEnrol
        onDone={() => {
          setMode('view');
          reload();
        }}
      />
    );
  else if (mode === 'disable' || mode === 'regenerate')
    body = (
      <Form<{ password: string }> layout="vertical" onFinish={(v) => withPassword.mutate(v)}>
        {withPassword.error && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(withPassword.error, t)}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form.Item name="password" label={t('mfa.settings.passwordPrompt')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Space>
          <Button onClick={() => setMode('view')}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={mode === 'disable'}
            htmlType="submit"
            loading={withPassword.isPending}
          >
            {mode === 'disable' ? t('mfa.settings.disable') : t('mfa.settings.regenerate')}
          </Button>
        </Space>
      </Form>
    );
  else if (!s) body = status.error ? <Alert type="error" title={errorMessage(status.error, t)} /> : <Spin />;
  else
    body = (
      <>
        <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('mfa.title')}>
            {s.enabled ? (
              <Tag color="green">
                {t('mfa.settings.enabled', { date: dayjs(s.enabledAt).format('YYYY-MM-DD') })}
              </Tag>
            ) : (
              <Tag>{t('mfa.settings.disabled')}</Tag>
            )}
          </Descriptions.Item>
          {s.enabled && (
            <Descriptions.Item label={t('mfa.recovery.title')}>
              {t('mfa.settings.codesLeft', { count: s.recoveryCodesLeft })}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph type="secondary">
          {s.required ? t('mfa.settings.requiredNote') : t('mfa.settings.optionalNote')}
        </Typography.Paragraph>
        <Space wrap>
          {!s.enabled && (
            <Button type="primary" onClick={() => setMode('enrol')}>
              {t('mfa.settings.enable')}
            </Button>
          )}
          {s.enabled && <Button onClick={() => setMode('regenerate')}>{t('mfa.settings.regenerate')}</Button>}
          {s.enabled && !s.required && (
            <Button danger onClick={() => setMode('disable')}>
              {t('mfa.settings.disable')}
            </Button>
          )}
        </Space>
      </>
    );

  return (
    <Modal title={t('mfa.title')} open={open} onCancel={close} footer={null} destroyOnHidden>
      {body}
    </Modal>
  );
}
