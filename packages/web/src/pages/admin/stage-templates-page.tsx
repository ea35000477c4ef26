import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  theme,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import type { StageDefDto, StageTemplateDto } from '@guatu/contracts';
import { stageGroups } from '@guatu/domain';
import { ApiError, errorMessage } from '../../api/client.ts';
import {
  templateList,
  useDeleteStageTemplateOverride,
  useUpdateStageTemplate,
} from '../../api/admin-schedule-queries.ts';
import { useStageTemplates } from '../../api/schedule-queries.ts';
import { useT } from '../../i18n/index.tsx';
import { useIsMobile } from '../../components/use-mobile.ts';
import { fieldErrors } from '../project/server-field-errors.ts';
import { RestoreInheritanceButton, SettingSourceTag } from './setting-source.tsx';
import { SimpleFormModal } from './simple-form-modal.tsx';
import { StageTemplateDepsModal } from './stage-template-deps-modal.tsx';
import { WarningRulesCard } from './warning-rules-card.tsx';

type TemplateKey = StageTemplateDto['key'];
type Draft = { key: TemplateKey; version: number; name: string; stages: StageDefDto[] };
type NewStage = { key: string; name: string; group: StageDefDto['group']; duration: number };

/** Stages every template keeps: the schedule is anchored on them. */
const FIXED = new Set(['start', 'operation']);

/** 系统管理 › 工序模板: edit a template's stages, durations, predecessors and order. */
export function StageTemplatesPage() {
  const t = useT();
  const mobile = useIsMobile();
  const { token } = theme.useToken();
  const { message, modal } = App.useApp();
  const templates = useStageTemplates();
  const save = useUpdateStageTemplate();
  const restore = useDeleteStageTemplateOverride();
  const list = templateList(templates.data);
  const [selected, setSelected] = useState<TemplateKey>('industrial');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [depsOf, setDepsOf] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const template = list.find((x) => x.key === selected) ?? list[0];
  const dirty =
    !!template && draft !== null && draft.key === template.key && draft.version === template.version;
  const current: Draft | null = dirty
    ? draft
    : template
      ? { key: template.key, version: template.version, name: template.name, stages: template.stages }
      : null;
  const stages = current?.stages ?? [];
  const names = useMemo(() => new Map(stages.map((s) => [s.key, s.name])), [stages]);

  const change = (f: (d: Draft) => Draft) => {
    if (current) setDraft(f(current));
  };
  const setStage = (key: string, patch: Partial<StageDefDto>) =>
    change((d) => ({ ...d, stages: d.stages.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
  const move = (index: number, by: -1 | 1) =>
    change((d) => {
      const next = [...d.stages];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return { ...d, stages: next };
    });
  const removeStage = (s: StageDefDto) =>
    modal.confirm({
      title: t('stageTemplate.remove'),
      content: t('stageTemplate.removeConfirm', { stage: s.name }),
      okButtonProps: { danger: true },
      onOk: () =>
        change((d) => ({
          ...d,
          stages: d.stages
            .filter((x) => x.key !== s.key)
            .map((x) => ({ ...x, deps: x.deps.filter((dep) => dep.stage !== s.key) })),
        })),
    });
  const addStage = (v: NewStage) => {
    change((d) => {
      const at = d.stages.findIndex((s) => s.key === 'operation');
      const index = at >= 0 ? at : d.stages.length;
      const before = d.stages[index - 1];
      const stage: StageDefDto = {
        key: v.key.trim(),
        name: v.name.trim(),
        group: v.group,
        duration: v.duration ?? 0,
        deps: before ? [{ stage: before.key, type: 'FS', lag: 0 }] : [],
        milestone: false,
      };
      const next = [...d.stages];
      next.splice(index, 0, stage);
      return { ...d, stages: next };
    });
    setAdding(false);
  };

  const switchTo = (key: TemplateKey) => {
    const go = () => {
      save.reset();
      setDraft(null);
      setSelected(key);
    };
    if (dirty)
      modal.confirm({
        title: t('stageTemplate.discardTitle'),
        content: t('stageTemplate.discard'),
        onOk: go,
      });
    else go();
  };
  const reload = () => {
    save.reset();
    setDraft(null);
    void templates.refetch();
  };
  const submit = () => {
    if (!current) return;
    const empty = current.stages.find((s) => !s.name.trim());
    if (empty) {
      void message.error(t('stageTemplate.nameRequired', { key: empty.key }));
      return;
    }
    save.mutate(
      {
        key: current.key,
        body: {
          name: current.name.trim() || undefined,
          stages: current.stages.map((s) => ({ ...s, name: s.name.trim() })),
          version: current.version,
        },
      },
      {
        onSuccess: () => {
          setDraft(null);
          void message.success(t('common.saved'));
        },
      },
    );
  };

  /** The server's message, and its per-stage messages named by the stage they are about. */
  const saveIssues = (error: unknown) => {
    const issues =
      error instanceof ApiError ? fieldErrors(error.details).filter((i) => i.path[0] === 'body') : [];
    if (issues.length === 0) return errorMessage(error, t);
    return (
      <Flex vertical>
        <span>{errorMessage(error, t)}</span>
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {issues.map((i, n) => {
            const at = i.path.indexOf('stages');
            const index = at >= 0 ? Number(i.path[at + 1]) : NaN;
            const stage = Number.isInteger(index) ? current?.stages[index] : undefined;
            return <li key={n}>{stage ? `${stage.name}：${i.message}` : i.message}</li>;
          })}
        </ul>
      </Flex>
    );
  };
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const depText = (d: StageDefDto['deps'][number]) =>
    `${names.get(d.stage) ?? d.stage} ${d.type}${d.lag ? (d.lag > 0 ? `+${d.lag}` : d.lag) : ''}`;

  const columns = [
    {
      key: 'order',
      title: '#',
      width: 92,
      render: (_: unknown, s: StageDefDto, i: number) => (
        <Flex align="center" gap={2}>
          <span style={{ width: 22, textAlign: 'right' }}>{i + 1}</span>
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={i === 0}
            aria-label={`${t('stageTemplate.moveUp')} ${s.name}`}
            onClick={() => move(i, -1)}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={i === stages.length - 1}
            aria-label={`${t('stageTemplate.moveDown')} ${s.name}`}
            onClick={() => move(i, 1)}
          />
        </Flex>
      ),
    },
    {
      key: 'name',
      title: t('schedule.stage'),
      width: 190,
      render: (_: unknown, s: StageDefDto) => (
        <Flex vertical gap={2}>
          <Input
            size="small"
            value={s.name}
            maxLength={50}
            status={s.name.trim() ? undefined : 'error'}
            aria-label={`${t('stageTemplate.name')} ${s.key}`}
            onChange={(e) => setStage(s.key, { name: e.target.value })}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.key}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'group',
      title: t('schedule.group'),
      width: 96,
      render: (_: unknown, s: StageDefDto) => (
        <Select
          size="small"
          value={s.group}
          style={{ width: 84 }}
          aria-label={`${t('schedule.group')} ${s.name}`}
          options={stageGroups.map((g) => ({ value: g, label: t(`stageGroup.${g}`) }))}
          onChange={(g) => setStage(s.key, { group: g })}
        />
      ),
    },
    {
      key: 'duration',
      title: t('schedule.duration'),
      width: 104,
      render: (_: unknown, s: StageDefDto) => (
        <InputNumber
          size="small"
          min={0}
          max={2000}
          precision={0}
          value={s.duration}
          style={{ width: 88 }}
          aria-label={`${s.name} ${t('stageTemplate.duration')}`}
          onChange={(v) => setStage(s.key, { duration: typeof v === 'number' ? v : 0 })}
        />
      ),
    },
    {
      key: 'deps',
      title: t('stageTemplate.deps'),
      width: 240,
      render: (_: unknown, s: StageDefDto) => (
        <Flex wrap gap={4} align="center">
          {s.deps.map((d) => (
            <Tag key={d.stage} style={{ marginInlineEnd: 0 }}>
              {depText(d)}
            </Tag>
          ))}
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            aria-label={`${t('stageTemplate.editDeps')} ${s.name}`}
            onClick={() => setDepsOf(s.key)}
          >
            {s.deps.length === 0 ? t('stageTemplate.noDeps') : null}
          </Button>
        </Flex>
      ),
    },
    {
      key: 'milestone',
      title: t('stageTemplate.milestone'),
      width: 72,
      align: 'center' as const,
      render: (_: unknown, s: StageDefDto) => (
        <Checkbox
          checked={s.milestone}
          aria-label={`${t('stageTemplate.milestone')} ${s.name}`}
          onChange={(e) => setStage(s.key, { milestone: e.target.checked })}
        />
      ),
    },
    {
      key: 'notApplicable',
      title: t('stageTemplate.notApplicable'),
      width: 84,
      align: 'center' as const,
      render: (_: unknown, s: StageDefDto) => (
        <Checkbox
          checked={!!s.notApplicable}
          disabled={FIXED.has(s.key)}
          aria-label={`${t('stageTemplate.notApplicable')} ${s.name}`}
          onChange={(e) => setStage(s.key, { notApplicable: e.target.checked || undefined })}
        />
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 64,
      render: (_: unknown, s: StageDefDto) => (
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          disabled={FIXED.has(s.key)}
          aria-label={`${t('stageTemplate.remove')} ${s.name}`}
          onClick={() => removeStage(s)}
        />
      ),
    },
  ];

  // A phone gets one column: each stage as a compact block, no sideways scrolling.
  const cell = (key: string) => {
    const col = columns.find((c) => c.key === key);
    return (s: StageDefDto, i: number) => col?.render(undefined, s, i);
  };
  const [order, name, group, duration, deps, , , actions] = [
    'order',
    'name',
    'group',
    'duration',
    'deps',
    'milestone',
    'notApplicable',
    'actions',
  ].map(cell);
  const phoneColumns = [
    {
      key: 'stage',
      title: t('schedule.stage'),
      render: (_: unknown, s: StageDefDto, i: number) => (
        <Flex vertical gap={6}>
          <Flex gap={4} align="start">
            <div style={{ flex: 1, minWidth: 0 }}>{name?.(s, i)}</div>
            {order?.(s, i)}
            {actions?.(s, i)}
          </Flex>
          <Flex gap={8} wrap align="center">
            {group?.(s, i)}
            <Space size={4}>
              {duration?.(s, i)}
              <Typography.Text type="secondary">{t('stageTemplate.workdays')}</Typography.Text>
            </Space>
            <Checkbox
              checked={s.milestone}
              onChange={(e) => setStage(s.key, { milestone: e.target.checked })}
            >
              {t('stageTemplate.milestone')}
            </Checkbox>
            <Checkbox
              checked={!!s.notApplicable}
              disabled={FIXED.has(s.key)}
              onChange={(e) => setStage(s.key, { notApplicable: e.target.checked || undefined })}
            >
              {t('stageTemplate.notApplicable')}
            </Checkbox>
          </Flex>
          <Flex gap={4} align="center" wrap>
            <Typography.Text type="secondary">{t('stageTemplate.deps')}：</Typography.Text>
            {deps?.(s, i)}
          </Flex>
        </Flex>
      ),
    },
  ];

  const editingDeps = stages.find((s) => s.key === depsOf) ?? null;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.stageTemplates')}
      </Typography.Title>
      {templates.error && <Alert type="error" showIcon title={errorMessage(templates.error, t)} />}
      <Typography.Text type="secondary">{t('stageTemplate.hint')}</Typography.Text>
      {template && template.canEdit && !template.own && (
        <Typography.Text type="secondary">
          {t('settings.ownCopyHint', { region: template.regionName })}
        </Typography.Text>
      )}

      <Card size="small" loading={templates.isLoading}>
        <Flex vertical gap={12}>
          <Flex gap={12} wrap align="center">
            <Select<TemplateKey>
              value={template?.key ?? selected}
              style={{ width: mobile ? '100%' : 200 }}
              aria-label={t('schedule.template')}
              options={list.map((x) => ({ value: x.key, label: t(`schedule.templates.${x.key}`) }))}
              onChange={switchTo}
            />
            <Input
              value={current?.name ?? ''}
              maxLength={50}
              style={{ width: mobile ? '100%' : 220 }}
              aria-label={t('stageTemplate.templateName')}
              placeholder={t('stageTemplate.templateName')}
              onChange={(e) => change((d) => ({ ...d, name: e.target.value }))}
            />
            {template && <SettingSourceTag source={template} />}
            <Typography.Text type="secondary">
              {t('stageTemplate.count', {
                n: stages.length,
                days: stages.reduce((a, s) => a + s.duration, 0),
              })}
            </Typography.Text>
          </Flex>

          <Table<StageDefDto>
            rowKey="key"
            size="small"
            columns={mobile ? phoneColumns : columns}
            dataSource={stages}
            pagination={false}
            scroll={mobile ? undefined : { x: 'max-content' }}
          />

          <Flex
            vertical
            gap={8}
            style={{
              position: 'sticky',
              bottom: 0,
              zIndex: 3,
              padding: '8px 0',
              background: token.colorBgContainer,
            }}
          >
            {save.error ? (
              <Alert
                type={conflict ? 'warning' : 'error'}
                showIcon
                title={conflict ? t('form.conflictTitle') : t('stageTemplate.saveFailed')}
                description={conflict ? t('stageTemplate.conflict') : saveIssues(save.error)}
                action={conflict ? <Button onClick={reload}>{t('form.conflictReload')}</Button> : undefined}
              />
            ) : null}
            <Flex gap={8} wrap justify="space-between">
              <Button
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                disabled={!current || stages.length >= 60}
              >
                {t('stageTemplate.add')}
              </Button>
              <Space wrap>
                {dirty && <Typography.Text type="warning">{t('stageTemplate.unsaved')}</Typography.Text>}
                {template && (
                  <RestoreInheritanceButton
                    source={template}
                    what="template"
                    pending={restore.isPending}
                    onConfirm={() =>
                      restore.mutate(template.key, {
                        onSuccess: () => {
                          setDraft(null);
                          void message.success(t('settings.restored'));
                        },
                        onError: (err) => void message.error(errorMessage(err, t)),
                      })
                    }
                  />
                )}
                <Button disabled={!dirty || save.isPending} onClick={() => setDraft(null)}>
                  {t('stageTemplate.revert')}
                </Button>
                <Button
                  type="primary"
                  disabled={!dirty || !template?.canEdit}
                  loading={save.isPending}
                  onClick={submit}
                >
                  {t('common.save')}
                </Button>
              </Space>
            </Flex>
          </Flex>
        </Flex>
      </Card>

      <StageTemplateDepsModal
        stage={editingDeps}
        stages={stages}
        onClose={() => setDepsOf(null)}
        onSave={(deps) => {
          if (depsOf) setStage(depsOf, { deps });
          setDepsOf(null);
        }}
      />
      <SimpleFormModal<NewStage>
        title={t('stageTemplate.add')}
        open={adding}
        initial={{ group: 'procedures', duration: 10 }}
        pending={false}
        error={null}
        onSubmit={addStage}
        onClose={() => setAdding(false)}
      >
        {() => (
          <>
            <Form.Item
              name="name"
              label={t('stageTemplate.name')}
              rules={[{ required: true, whitespace: true }, { max: 50 }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              name="key"
              label={t('stageTemplate.key')}
              extra={t('stageTemplate.keyHint')}
              rules={[
                { required: true },
                { pattern: /^[A-Za-z][A-Za-z0-9_-]{0,39}$/, message: t('stageTemplate.keyPattern') },
                {
                  validator: (_, v: string | undefined) =>
                    v && stages.some((s) => s.key === v.trim())
                      ? Promise.reject(new Error(t('stageTemplate.keyTaken')))
                      : Promise.resolve(),
                },
              ]}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item
                name="group"
                label={t('schedule.group')}
                rules={[{ required: true }]}
                style={{ flex: 1 }}
              >
                <Select options={stageGroups.map((g) => ({ value: g, label: t(`stageGroup.${g}`) }))} />
              </Form.Item>
              <Form.Item
                name="duration"
                label={t('schedule.duration')}
                rules={[{ required: true }]}
                style={{ flex: 1 }}
              >
                <InputNumber min={0} max={2000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Flex>
            <Typography.Text type="secondary">{t('stageTemplate.addHint')}</Typography.Text>
          </>
        )}
      </SimpleFormModal>
      <WarningRulesCard />
    </Flex>
  );
}
