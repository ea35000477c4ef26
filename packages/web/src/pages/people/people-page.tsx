import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import type { Person } from '@guatu/contracts';
import { errorMessage, toSearch } from '../../api/client.ts';
import { useDeletePerson, usePeople, useSavePerson } from '../../api/people-queries.ts';
import { useRegions } from '../../api/queries.ts';
import { useT } from '../../i18n/index.tsx';
import { useUser } from '../../session.tsx';
import { SimpleFormModal } from '../admin/simple-form-modal.tsx';

type Values = {
  regionId: number;
  name: string;
  title?: string | null;
  unit?: string | null;
  phone?: string | null;
};

const orNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/**
 * 系统管理 › 人员: the leaders and task-force members of the admin's regions, people who need not
 * log in (issue 9, item 3). Phones are masked; the linked account is the security administrator's
 * to set (用户管理).
 */
export function PeoplePage() {
  const t = useT();
  const me = useUser();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const [regionId, setRegionId] = useState<number | undefined>();
  const [linked, setLinked] = useState<'yes' | 'no' | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const people = usePeople({ q: q || undefined, regionId, linked, ...page });
  const regions = useRegions();
  const save = useSavePerson();
  const remove = useDeletePerson();
  const [editing, setEditing] = useState<Person | null | undefined>(undefined);

  const open = (p: Person | null) => {
    save.reset();
    setEditing(p);
  };
  const submit = (v: Values) => {
    const fields = {
      name: v.name.trim(),
      title: orNull(v.title),
      unit: orNull(v.unit),
      phone: orNull(v.phone),
    };
    const done = {
      onSuccess: () => {
        setEditing(undefined);
        void message.success(t('people.saved'));
      },
    };
    if (editing)
      save.mutate(
        { id: editing.id, body: { ...fields, regionId: v.regionId, version: editing.version } },
        done,
      );
    else save.mutate({ id: null, body: { ...fields, regionId: v.regionId } }, done);
  };
  const confirmDelete = (p: Person) =>
    modal.confirm({
      title: t('people.deleteConfirm', { name: p.name }),
      okButtonProps: { danger: true },
      onOk: () =>
        remove.mutateAsync(p.id).then(
          () => void message.success(t('people.deleted')),
          (e: unknown) => void message.error(errorMessage(e, t)),
        ),
    });

  const regionOptions = (regions.data?.items ?? []).map((r) => ({
    value: r.id,
    label: `${r.name}（${t(`regionLevel.${r.level}`)}）`,
  }));

  const columns = [
    { key: 'name', title: t('people.name'), dataIndex: 'name' },
    {
      key: 'title',
      title: t('people.titleField'),
      dataIndex: 'title',
      render: (v: string | null) => v ?? '—',
    },
    { key: 'unit', title: t('people.unit'), dataIndex: 'unit', render: (v: string | null) => v ?? '—' },
    { key: 'region', title: t('people.region'), dataIndex: 'regionName' },
    {
      key: 'phone',
      title: t('people.phone'),
      dataIndex: 'phone',
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
    },
    {
      key: 'account',
      title: t('people.account'),
      render: (_: unknown, p: Person) =>
        p.username ? <Tag color="blue">{p.username}</Tag> : <Tag>{t('people.noAccount')}</Tag>,
    },
    {
      key: 'projects',
      title: t('people.projects'),
      render: (_: unknown, p: Person) => t('people.projectsCount', { leads: p.leads, serves: p.serves }),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, p: Person) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => open(p)}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" danger onClick={() => confirmDelete(p)}>
            {t('people.delete')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t('people.title')}
        </Typography.Title>
        <Button
          icon={<FileExcelOutlined />}
          href={`/api/people/export.xlsx${toSearch({ q: q || undefined, regionId, linked })}`}
          download
        >
          {t('people.export')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
          {t('people.create')}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t('people.hint')}</Typography.Text>
      {people.error && <Alert type="error" showIcon title={errorMessage(people.error, t)} />}
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('people.search')}
            style={{ width: 240 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage((p) => ({ ...p, page: 1 }));
            }}
          />
          <Select
            allowClear
            placeholder={t('people.region')}
            style={{ width: 200 }}
            value={regionId}
            onChange={(v: number | undefined) => {
              setRegionId(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            showSearch={{ optionFilterProp: 'label' }}
            options={regionOptions}
          />
          <Select
            allowClear
            placeholder={t('people.linked')}
            style={{ width: 160 }}
            value={linked}
            onChange={(v: 'yes' | 'no' | undefined) => {
              setLinked(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'yes', label: t('people.linkedYes') },
              { value: 'no', label: t('people.linkedNo') },
            ]}
          />
        </Flex>
        <Table<Person>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={people.data?.items}
          loading={people.isFetching}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: people.data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
        />
      </Card>
      <SimpleFormModal<Values>
        title={editing ? `${t('people.edit')} · ${editing.name}` : t('people.create')}
        open={editing !== undefined}
        initial={
          editing
            ? {
                regionId: editing.regionId,
                name: editing.name,
                title: editing.title,
                unit: editing.unit,
                phone: editing.phone,
              }
            : { regionId: me.regionId }
        }
        pending={save.isPending}
        error={save.error}
        onSubmit={submit}
        onClose={() => setEditing(undefined)}
      >
        {() => (
          <>
            <Form.Item name="regionId" label={t('people.region')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={regionOptions} />
            </Form.Item>
            <Form.Item name="name" label={t('people.name')} rules={[{ required: true }, { max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="title" label={t('people.titleField')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="unit" label={t('people.unit')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="phone" label={t('people.phone')} rules={[{ max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </>
        )}
      </SimpleFormModal>
    </Flex>
  );
}
