import { useEffect, type ReactNode } from 'react';
import { Alert, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { errorMessage } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';

type Props<V> = {
  title: string;
  open: boolean;
  initial: Partial<V>;
  pending: boolean;
  error: unknown;
  onSubmit: (values: V) => void;
  onClose: () => void;
  children: (form: FormInstance<V>) => ReactNode;
};

/** A modal holding a small vertical form, reset to `initial` each time it opens. */
export function SimpleFormModal<V extends object>({
  title,
  open,
  initial,
  pending,
  error,
  onSubmit,
  onClose,
  children,
}: Props<V>) {
  const t = useT();
  const [form] = Form.useForm<V>();
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initial as Parameters<typeof form.setFieldsValue>[0]);
    }
  }, [open]);
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      forceRender
    >
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<V> form={form} layout="vertical" onFinish={onSubmit}>
        {children(form)}
      </Form>
    </Modal>
  );
}
