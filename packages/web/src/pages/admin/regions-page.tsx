import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Space, Table, Typography } from 'antd';
import type { Region } from '@guatu/contracts';
import { regionLevels } from '@guatu/domain/vocabulary';
import { errorMessage } from '../../api/client.ts';
import { useRegions, useSaveRegion } from '../../api/queries.ts';
import { useT } from '../../i18n/index.tsx';
import { SimpleFormModal } from './simple-form-modal.tsx';

type Node = Region & { children?: Node[] };
type Values = { name: string; code?: string | null };
type Editing =
  { mode: 'child'; parent: Region } | { mode: 'zone'; parent: Region } | { mode: 'rename'; region: Region };

function tree(items: Region[]): Node[] {
  const byId = new Map<number, Node>(items.map((r) => [r.id, { ...r }]));
  const roots: Node[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  // Official divisions in code order (市中街道 371481001 before 杨安镇 371481100), then uncoded ones and zones.
  const byCode = (a: Node, b: Node) =>
    (a.code ?? '\uffff').localeCompare(b.code ?? '\uffff') || a.name.localeCompare(b.name, 'zh-CN');
  for (const node of byId.values()) node.children?.sort(byCode);
  return roots;
}

const childLevel = (level: Region['level']) => regionLevels[regionLevels.indexOf(level) + 1];
/** A development zone (经济开发区, 高新区, 产业园) is a town-level area of a county or a city. */
const takesZones = (r: Region) => r.kind !== 'zone' && (r.level === 'county' || r.level === 'city');

export function RegionsPage() {
  const t = useT();
  const regions = useRegions();
  const save = useSaveRegion();
  const [editing, setEditing] = useState<Editing | null>(null);
  const data = useMemo(() => tree(regions.data?.items ?? []), [regions.data]);

  const open = (e: Editing) => {
    save.reset();
    setEditing(e);
  };
  const submit = (v: Values) => {
    if (!editing) return;
    const code = v.code?.trim() || null;
    const body =
      editing.mode === 'rename'
        ? { id: editing.region.id, body: { name: v.name.trim(), code, version: editing.region.version } }
        : editing.mode === 'zone'
          ? {
              id: null,
              body: {
                parentId: editing.parent.id,
                name: v.name.trim(),
                code: null,
                level: 'town' as const,
                kind: 'zone' as const,
              },
            }
          : {
              id: null,
              body: {
                parentId: editing.parent.id,
                name: v.name.trim(),
                code,
                level: childLevel(editing.parent.level) ?? 'town',
                kind: 'division' as const,
              },
            };
    save.mutate(body, { onSuccess: () => setEditing(null) });
  };

  const columns = [
    { key: 'name', title: t('region.name'), dataIndex: 'name' },
    {
      key: 'level',
      title: t('region.level'),
      dataIndex: 'level',
      render: (v: Region['level'], r: Region) =>
        r.kind === 'zone' ? t('setup.zone') : t(`regionLevel.${v}`),
    },
    { key: 'code', title: t('region.code'), dataIndex: 'code', render: (v: string | null) => v ?? '—' },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, r: Region) => (
        <Space size={0}>
          {childLevel(r.level) && r.kind !== 'zone' && (
            <Button type="link" size="small" onClick={() => open({ mode: 'child', parent: r })}>
              {t('region.addChild')}
            </Button>
          )}
          {takesZones(r) && (
            <Button type="link" size="small" onClick={() => open({ mode: 'zone', parent: r })}>
              {t('setup.addZone')}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => open({ mode: 'rename', region: r })}>
            {t('region.rename')}
          </Button>
        </Space>
      ),
    },
  ];

  const title =
    editing?.mode === 'child'
      ? `${t('region.addChild')} · ${editing.parent.name}`
      : editing?.mode === 'zone'
        ? `${t('setup.addZone')} · ${editing.parent.name}`
        : editing?.mode === 'rename'
          ? `${t('region.rename')} · ${editing.region.name}`
          : '';

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.regions')}
      </Typography.Title>
      {regions.error && <Alert type="error" showIcon title={errorMessage(regions.error, t)} />}
      <Card size="small">
        {data.length > 0 && (
          <Table<Node>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data}
            pagination={false}
            loading={regions.isFetching}
            expandable={{ defaultExpandAllRows: true }}
          />
        )}
      </Card>
      <SimpleFormModal<Values>
        title={title}
        open={editing !== null}
        initial={editing?.mode === 'rename' ? { name: editing.region.name, code: editing.region.code } : {}}
        pending={save.isPending}
        error={save.error}
        onSubmit={submit}
        onClose={() => setEditing(null)}
      >
        {() => (
          <>
            <Form.Item name="name" label={t('region.name')} rules={[{ required: true }, { max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
            {editing?.mode === 'zone' ? (
              <Typography.Text type="secondary">{t('setup.zoneHint')}</Typography.Text>
            ) : (
              <Form.Item name="code" label={t('region.code')} rules={[{ max: 20 }]}>
                <Input maxLength={20} />
              </Form.Item>
            )}
          </>
        )}
      </SimpleFormModal>
    </Flex>
  );
}
