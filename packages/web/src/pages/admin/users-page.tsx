import { useState } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { User } from '@guatu/contracts';
import type { Role } from '@guatu/domain/vocabulary';
import { errorMessage } from '../../api/client.ts';
import { fetchUserPhone } from '../../api/personal-data.ts';
import { useSaveUser, useUsers } from '../../api/queries.ts';
import { MaskedPhone } from '../../features/personal-data/masked-phone.tsx';
import { useUser } from '../../session.tsx';
import { passwordRule, policyText } from '../../components/password-policy.ts';
import { useI18n } from '../../i18n/index.tsx';
import { roleOptions } from '../../vocabulary-options.ts';
import { UserFormModal } from './user-form-modal.tsx';
import { ResetMfaButton } from '../mfa/reset-mfa-button.tsx';

export function UsersPage() {
  const { t, language } = useI18n();
  const { message, modal } = App.useApp();
  // The security administrator may read a user's whole phone (each view audited).
  const me = useUser();
  const canViewPhones = me.roles.includes('security_admin');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const users = useUsers({ q, role, ...page });
  const save = useSaveUser();
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [resetting, setResetting] = useState<User | null>(null);
  const [pwForm] = Form.useForm<{ password: string }>();

  const patch = (u: User, body: Record<string, unknown>) =>
    save.mutate(
      { id: u.id, body: { ...body, version: u.version } },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );

  const columns = [
    { key: 'username', title: t('user.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('user.displayName'), dataIndex: 'displayName' },
    {
      key: 'roles',
      title: t('user.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>),
    },
    { key: 'region', title: t('user.region'), dataIndex: 'regionName' },
    {
      key: 'department',
      title: t('user.department'),
      dataIndex: 'departmentName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'person',
      title: t('people.linkedPerson'),
      dataIndex: 'personName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'phone',
      title: t('user.phone'),
      render: (_: unknown, u: User) => (
        <MaskedPhone masked={u.phone} allowed={canViewPhones} fetchPlain={() => fetchUserPhone(u.id)} />
      ),
    },
    {
      key: 'status',
      title: t('user.status'),
      render: (_: unknown, u: User) => (
        <Space size={4}>
          {u.active ? <Tag color="green">{t('user.active')}</Tag> : <Tag>{t('user.inactive')}</Tag>}
          {u.locked && <Tag color="red">{t('user.locked')}</Tag>}
          {u.mustChangePassword && <Tag color="orange">{t('accounts.user.mustChange')}</Tag>}
          {u.demo && <Tag color="gold">{t('accounts.user.demo')}</Tag>}
          {u.id === me.id && <Tag color="blue">{t('accounts.user.self')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, u: User) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(u)}>
            {t('common.edit')}
          </Button>
          {/* Nobody resets his own password here nor deactivates himself (三员分立): 修改密码 is in the header. */}
          {u.id !== me.id && (
            <Button
              type="link"
              size="small"
              onClick={() => {
                pwForm.resetFields();
                setResetting(u);
              }}
            >
              {t('user.resetPassword')}
            </Button>
          )}
          <ResetMfaButton userId={u.id} />
          {u.locked && (
            <Button type="link" size="small" onClick={() => patch(u, { unlock: true })}>
              {t('user.unlock')}
            </Button>
          )}
          {u.id === me.id ? null : u.active ? (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                modal.confirm({
                  title: t('user.deactivate'),
                  content: t('user.deactivateConfirm'),
                  onOk: () => patch(u, { active: false }),
                })
              }
            >
              {t('user.deactivate')}
            </Button>
          ) : (
            <Button type="link" size="small" onClick={() => patch(u, { active: true })}>
              {t('user.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t('admin.users')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('user.create')}
        </Button>
      </Flex>
      <Alert type="info" showIcon title={`${t('admin.policy')}：${policyText(language)}`} />
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            placeholder={t('user.searchPlaceholder')}
            allowClear
            style={{ width: 260 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage((p) => ({ ...p, page: 1 }));
            }}
          />
          <Select
            placeholder={t('user.roles')}
            allowClear
            style={{ width: 160 }}
            options={roleOptions(t)}
            value={role}
            onChange={(v: Role | undefined) => {
              setRole(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
          />
        </Flex>
        {users.error && (
          <Alert type="error" showIcon title={errorMessage(users.error, t)} style={{ marginBottom: 12 }} />
        )}
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items}
          loading={users.isFetching}
          scroll={{ x: 900 }}
          pagination={{
            ...page,
            current: page.page,
            total: users.data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
        />
      </Card>
      <UserFormModal
        user={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
      <Modal
        title={`${t('user.resetPassword')} · ${resetting?.displayName ?? ''}`}
        open={resetting !== null}
        onCancel={() => setResetting(null)}
        onOk={() => pwForm.submit()}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form
          form={pwForm}
          layout="vertical"
          onFinish={(v) => {
            if (resetting) patch(resetting, { password: v.password });
            setResetting(null);
          }}
        >
          <Form.Item
            name="password"
            label={t('user.newPassword')}
            extra={`${policyText(language)}${language === 'zh-CN' ? '。' : '. '}${resetting?.demo ? '' : t('accounts.user.resetHint')}`}
            rules={[{ required: true }, passwordRule(resetting?.username ?? '', language)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
