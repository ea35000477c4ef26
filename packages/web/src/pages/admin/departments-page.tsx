import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Department } from '@guatu/contracts';
import { errorMessage } from '../../api/client.ts';
import { useDepartments, useRegions, useSaveDepartment } from '../../api/queries.ts';
import { useT } from '../../i18n/index.tsx';
import { SimpleFormModal } from './simple-form-modal.tsx';

type Values = { name: string; regionId?: number };

export function DepartmentsPage() {
  const t = useT();
  const departments = useDepartments();
  const regions = useRegions();
  const save = useSaveDepartment();
  const [editing, setEditing] = useState<Department | null | undefined>(undefined);

  const open = (d: Department | null) => {
    save.reset();
    setEditing(d);
  };
  const submit = (v: Values) => {
    const done = { onSuccess: () => setEditing(undefined) };
    if (editing)
      save.mutate({ id: editing.id, body: { name: v.name.trim(), version: editing.version } }, done);
    else if (v.regionId) save.mutate({ id: null, body: { regionId: v.regionId, name: v.name.trim() } }, done);
  };

  const columns = [
    { key: 'name', title: t('department.name'), dataIndex: 'name' },
    { key: 'region', title: t('department.region'), dataIndex: 'regionName' },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, d: Department) => (
        <Button type="link" size="small" onClick={() => open(d)}>
          {t('department.rename')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t('admin.departments')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
          {t('department.create')}
        </Button>
      </Flex>
      {departments.error && <Alert type="error" showIcon title={errorMessage(departments.error, t)} />}
      <Card size="small">
        <Table<Department>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={departments.data?.items}
          loading={departments.isFetching}
          pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { n }) }}
        />
      </Card>
      <SimpleFormModal<Values>
        title={editing ? `${t('department.rename')} · ${editing.name}` : t('department.create')}
        open={editing !== undefined}
        initial={editing ? { name: editing.name } : {}}
        pending={save.isPending}
        error={save.error}
        onSubmit={submit}
        onClose={() => setEditing(undefined)}
      >
        {() => (
          <>
            {!editing && (
              <Form.Item name="regionId" label={t('department.region')} rules={[{ required: true }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(regions.data?.items ?? []).map((r) => ({
                    value: r.id,
                    label: `${r.name}（${t(`regionLevel.${r.level}`)}）`,
                  }))}
                />
              </Form.Item>
            )}
            <Form.Item name="name" label={t('department.name')} rules={[{ required: true }, { max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
      </SimpleFormModal>
    </Flex>
  );
}
