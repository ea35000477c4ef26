import { Button, Checkbox, Flex, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { StageDefDto } from '@guatu/contracts';
import { stageGroups } from '@guatu/domain/schedule/stage-types';
import type { Translate } from '../../i18n/index.tsx';
import { dependencyText, FIXED } from './stage-template-draft.ts';

export type StageRowActions = {
  t: Translate;
  stages: StageDefDto[];
  names: Map<string, string>;
  onPatch: (key: string, patch: Partial<StageDefDto>) => void;
  onMove: (index: number, by: -1 | 1) => void;
  onRemove: (stage: StageDefDto) => void;
  onEditDeps: (key: string) => void;
  /** The department in charge of each stage, the names to choose from, and the change. */
  departments: Record<string, string>;
  departmentNames: string[];
  onDepartment: (key: string, name: string | null) => void;
};

/** The cells of one stage row, shared by the desktop table and the phone's one-column blocks. */
function cellsOf(a: StageRowActions) {
  const {
    t,
    stages,
    names,
    onPatch,
    onMove,
    onRemove,
    onEditDeps,
    departments,
    departmentNames,
    onDepartment,
  } = a;
  return {
    order: (s: StageDefDto, i: number) => (
      <Flex align="center" gap={2}>
        <span style={{ width: 22, textAlign: 'right' }}>{i + 1}</span>
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          disabled={i === 0}
          aria-label={`${t('stageTemplate.moveUp')} ${s.name}`}
          onClick={() => onMove(i, -1)}
        />
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          disabled={i === stages.length - 1}
          aria-label={`${t('stageTemplate.moveDown')} ${s.name}`}
          onClick={() => onMove(i, 1)}
        />
      </Flex>
    ),
    // the stage's name only: its key is the program's, not the user's
    name: (s: StageDefDto) => (
      <Input
        size="small"
        value={s.name}
        maxLength={50}
        status={s.name.trim() ? undefined : 'error'}
        aria-label={`${t('stageTemplate.name')} ${s.name || s.key}`}
        onChange={(e) => onPatch(s.key, { name: e.target.value })}
      />
    ),
    group: (s: StageDefDto) => (
      <Select
        size="small"
        value={s.group}
        style={{ width: 120 }}
        aria-label={`${t('schedule.group')} ${s.name}`}
        options={stageGroups.map((g) => ({ value: g, label: t(`stageGroup.${g}`) }))}
        onChange={(g) => onPatch(s.key, { group: g })}
      />
    ),
    duration: (s: StageDefDto) => (
      <InputNumber
        size="small"
        min={0}
        max={2000}
        precision={0}
        value={s.duration}
        style={{ width: 88 }}
        aria-label={`${s.name} ${t('stageTemplate.duration')}`}
        onChange={(v) => onPatch(s.key, { duration: typeof v === 'number' ? v : 0 })}
      />
    ),
    deps: (s: StageDefDto) => (
      <Flex wrap gap={4} align="center">
        {s.deps.map((d) => (
          <Tag key={d.stage} style={{ marginInlineEnd: 0 }}>
            {dependencyText(t, names, d)}
          </Tag>
        ))}
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          aria-label={`${t('stageTemplate.editDeps')} ${s.name}`}
          onClick={() => onEditDeps(s.key)}
        >
          {s.deps.length === 0 ? t('stageTemplate.noDeps') : null}
        </Button>
      </Flex>
    ),
    department: (s: StageDefDto) => (
      <Select
        size="small"
        allowClear
        showSearch
        value={departments[s.key] ?? null}
        placeholder={t('exports.stageDepartmentPlaceholder')}
        style={{ width: 150 }}
        aria-label={`${t('exports.stageDepartment')} ${s.name}`}
        options={departmentNames.map((n) => ({ value: n, label: n }))}
        onChange={(n: string | null | undefined) => onDepartment(s.key, n ?? null)}
      />
    ),
    milestone: (s: StageDefDto, label?: string) => (
      <Checkbox
        checked={s.milestone}
        aria-label={label ? undefined : `${t('stageTemplate.milestone')} ${s.name}`}
        onChange={(e) => onPatch(s.key, { milestone: e.target.checked })}
      >
        {label}
      </Checkbox>
    ),
    notApplicable: (s: StageDefDto, label?: string) => (
      <Checkbox
        checked={!!s.notApplicable}
        disabled={FIXED.has(s.key)}
        aria-label={label ? undefined : `${t('stageTemplate.notApplicable')} ${s.name}`}
        onChange={(e) => onPatch(s.key, { notApplicable: e.target.checked || undefined })}
      >
        {label}
      </Checkbox>
    ),
    remove: (s: StageDefDto) => (
      <Button
        type="text"
        size="small"
        danger
        icon={<DeleteOutlined />}
        disabled={FIXED.has(s.key)}
        aria-label={`${t('stageTemplate.remove')} ${s.name}`}
        onClick={() => onRemove(s)}
      />
    ),
  };
}

/** The desktop table: one column per property. */
export function stageColumns(a: StageRowActions): ColumnsType<StageDefDto> {
  const c = cellsOf(a);
  const { t } = a;
  return [
    { key: 'order', title: '#', width: 92, render: (_, s, i) => c.order(s, i) },
    { key: 'name', title: t('schedule.stage'), width: 220, render: (_, s) => c.name(s) },
    { key: 'group', title: t('schedule.group'), width: 132, render: (_, s) => c.group(s) },
    { key: 'duration', title: t('schedule.duration'), width: 104, render: (_, s) => c.duration(s) },
    { key: 'deps', title: t('stageTemplate.deps'), width: 300, render: (_, s) => c.deps(s) },
    {
      key: 'department',
      title: <span title={t('exports.stageDepartmentHint')}>{t('exports.stageDepartment')}</span>,
      width: 166,
      render: (_, s) => c.department(s),
    },
    {
      key: 'milestone',
      title: t('stageTemplate.milestone'),
      width: 72,
      align: 'center',
      render: (_, s) => c.milestone(s),
    },
    {
      key: 'notApplicable',
      title: t('stageTemplate.notApplicable'),
      width: 84,
      align: 'center',
      render: (_, s) => c.notApplicable(s),
    },
    { key: 'actions', title: t('common.actions'), width: 64, render: (_, s) => c.remove(s) },
  ];
}

/** A phone gets one column: each stage as a compact block, no sideways scrolling. */
export function phoneStageColumns(a: StageRowActions): ColumnsType<StageDefDto> {
  const c = cellsOf(a);
  const { t } = a;
  return [
    {
      key: 'stage',
      title: t('schedule.stage'),
      render: (_, s, i) => (
        <Flex vertical gap={6}>
          <Flex gap={4} align="start">
            <div style={{ flex: 1, minWidth: 0 }}>{c.name(s)}</div>
            {c.order(s, i)}
            {c.remove(s)}
          </Flex>
          <Flex gap={8} wrap align="center">
            {c.group(s)}
            <Space size={4}>
              {c.duration(s)}
              <Typography.Text type="secondary">{t('stageTemplate.workdays')}</Typography.Text>
            </Space>
            {c.milestone(s, t('stageTemplate.milestone'))}
            {c.notApplicable(s, t('stageTemplate.notApplicable'))}
          </Flex>
          <Flex gap={4} align="center" wrap>
            <Typography.Text type="secondary">{t('stageTemplate.deps')}：</Typography.Text>
            {c.deps(s)}
          </Flex>
          <Flex gap={4} align="center" wrap>
            <Typography.Text type="secondary">{t('exports.stageDepartment')}：</Typography.Text>
            {c.department(s)}
          </Flex>
        </Flex>
      ),
    },
  ];
}
