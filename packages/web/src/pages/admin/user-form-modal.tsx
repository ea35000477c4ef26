import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { User } from '@guatu/contracts';
import { isOfficerRole } from '@guatu/domain/separation-of-duties';
import { type Role } from '@guatu/domain/vocabulary';
import { errorMessage } from '../../api/client.ts';
import { useDepartments, useRegions, useSaveUser } from '../../api/queries.ts';
import { passwordRule, policyText } from '../../components/password-policy.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useUser } from '../../session.tsx';
import { roleOptions } from '../../vocabulary-options.ts';
import { PersonSelect } from '../people/person-select.tsx';

type Values = {
  username: string;
  displayName: string;
  password?: string;
  roles: Role[];
  regionId: number;
  departmentId?: number | null;
  phone?: string | null;
  /** The person the account acts as (leaders and task-force members are people). */
  personId?: number | null;
};

/** Create a user (user = null) or edit one; passwords are reset from the table, not here. */
export function UserFormModal({
  user,
  open,
  onClose,
}: {
  user: User | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<Values>();
  const regions = useRegions();
  const departments = useDepartments();
  const save = useSaveUser();
  const username = Form.useWatch('username', form) ?? '';
  const regionId = Form.useWatch('regionId', form);
  const chosen: Role[] = Form.useWatch('roles', form) ?? [];
  const me = useUser();
  const own = user !== null && user.id === me.id;
  // 三员分立: an officer role stands alone; with business roles chosen, officer roles are closed.
  const officer = chosen.find(isOfficerRole);
  const rolesChoice = roleOptions(t).map((o) => ({
    ...o,
    disabled: officer
      ? o.value !== officer
      : chosen.length > 0 && isOfficerRole(o.value as Role) && !chosen.includes(o.value as Role),
  }));
  const rolesExtra = own
    ? t('accounts.user.ownRoles')
    : officer
      ? t('accounts.separation.officerAlone', { role: t(`role.${officer}`) })
      : chosen.length > 0
        ? t('accounts.separation.officerDisabled')
        : undefined;

  useEffect(() => {
    if (!open) return;
    save.reset();
    form.resetFields();
    if (user) form.setFieldsValue({ ...user });
  }, [open, user, form]);

  const submit = (v: Values) => {
    const common = {
      displayName: v.displayName.trim(),
      roles: v.roles,
      regionId: v.regionId,
      departmentId: v.departmentId ?? null,
      phone: v.phone?.trim() || null,
    };
    const done = { onSuccess: onClose };
    const personId = v.personId ?? null;
    const link = user && personId !== user.personId ? { personId } : {};
    if (user) save.mutate({ id: user.id, body: { ...common, ...link, version: user.version } }, done);
    else
      save.mutate(
        { id: null, body: { ...common, username: v.username.trim(), password: v.password ?? '' } },
        done,
      );
  };

  const deptOptions = (departments.data?.items ?? [])
    .filter((d) => !regionId || d.regionId === regionId)
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <Modal
      title={user ? t('user.edit') : t('user.create')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      forceRender
    >
      {save.error && (
        <Alert type="error" showIcon title={errorMessage(save.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="username"
          label={t('user.username')}
          rules={[
            { required: true },
            { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '3–32: A-Z a-z 0-9 _ . -' },
          ]}
        >
          <Input disabled={user !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true }, { max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('user.password')}
            extra={`${policyText(language)}${language === 'zh-CN' ? '。' : '. '}${t('accounts.user.createHint')}`}
            rules={[{ required: true }, passwordRule(username, language)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Alert
          type="info"
          showIcon
          title={t('accounts.separation.title')}
          description={t('accounts.separation.help')}
          style={{ marginBottom: 16 }}
        />
        <Form.Item name="roles" label={t('user.roles')} rules={[{ required: true }]} extra={rolesExtra}>
          <Select mode="multiple" options={rolesChoice} disabled={own} />
        </Form.Item>
        <Form.Item name="regionId" label={t('user.region')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(regions.data?.items ?? []).map((r) => ({
              value: r.id,
              label: `${r.name}（${t(`regionLevel.${r.level}`)}）`,
            }))}
            onChange={() => form.setFieldValue('departmentId', null)}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('user.department')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deptOptions} />
        </Form.Item>
        {/* Prefilled masked; sent back unchanged, the server keeps the stored number. */}
        <Form.Item
          name="phone"
          label={t('user.phone')}
          extra={user?.phone?.includes('*') ? t('personal.maskedHelp') : undefined}
          rules={[
            { max: 30 },
            {
              validator: async (_: unknown, v: string | null | undefined) => {
                if (v && v.includes('*') && v !== user?.phone) throw new Error(t('personal.maskedInvalid'));
              },
            },
          ]}
        >
          <Input maxLength={30} />
        </Form.Item>
        {user && (
          <Form.Item name="personId" label={t('people.linkedPerson')} extra={t('people.linkedPersonHint')}>
            <PersonSelect known={user.personId ? [{ id: user.personId, name: user.personName ?? '' }] : []} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
