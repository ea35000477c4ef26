import { App, Alert, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordRequest } from '@guatu/contracts';
import { api, errorMessage } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession, useUser } from '../session.tsx';
import { policyText, passwordRule } from './password-policy.ts';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/**
 * Change my password. `forced`: a printed or reset password (mustChangePassword) — the dialog cannot
 * be dismissed; the session is re-read once changed, so the rest of the app opens.
 */
export function ChangePasswordModal({
  open,
  onClose,
  forced = false,
}: {
  open: boolean;
  onClose: () => void;
  forced?: boolean;
}) {
  const { t, language } = useI18n();
  const user = useUser();
  const { refresh } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post('/auth/password', body),
    onSuccess: () => {
      void message.success(t('password.changed'));
      void refresh(); // the password's new expiry (the notice goes)
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      title={forced ? t('accounts.mustChange.title') : t('header.changePassword')}
      open={open}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      {forced && (
        <Alert type="warning" showIcon title={t('accounts.mustChange.hint')} style={{ marginBottom: 16 }} />
      )}
      <Alert type="info" showIcon title={policyText(language)} style={{ marginBottom: 16 }} />
      {change.error && (
        <Alert type="error" showIcon title={errorMessage(change.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
      >
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[{ required: true }, passwordRule(user.username, language)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
