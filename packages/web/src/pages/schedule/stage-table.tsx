import { Button, InputNumber, Space, Switch, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ProjectScheduleDto, ScheduledStageDto } from '@guatu/contracts';
import { stageDisplayName } from '@guatu/domain/schedule/stage-templates';
import { dash } from '../../format.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import { FlagMark, StatusTag, WarningTag } from './schedule-labels.tsx';

type Props = {
  t: Translate;
  schedule: ProjectScheduleDto;
  highlight: string | null;
  busy: boolean;
  onRecord: (stage: ScheduledStageDto) => void;
  onDuration: (stage: ScheduledStageDto, days: number) => void;
  onNotApplicable: (stage: ScheduledStageDto, notApplicable: boolean) => void;
};

const d = (s: string | null | undefined) => s ?? dash;

// Words wrap between words (English "Procedures" never as "Proced/ures"); Chinese still wraps anywhere.
const wordWrap = { style: { wordBreak: 'normal', overflowWrap: 'normal' } } as const;
const wrapWords = (columns: ColumnsType<ScheduledStageDto>) =>
  columns.map((c) => ({ ...c, onHeaderCell: () => wordWrap, onCell: () => wordWrap }));

/** Each stage's dates, float, status and warning; duration and 不适用 edits re-plan at once. */
export function StageTable({ t, schedule, highlight, busy, onRecord, onDuration, onNotApplicable }: Props) {
  const { language } = useI18n();
  const edit = schedule.canEdit;
  // The department in charge of a stage records it without editing the plan (canRecord per stage).
  const record = edit || schedule.stages.some((s) => s.canRecord);
  const nameOf = (s: ScheduledStageDto) => stageDisplayName(s, language);
  return (
    <Table<ScheduledStageDto>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={schedule.stages}
      // as wide as its columns: the last ones can be scrolled fully clear of the frozen 操作
      scroll={{ x: 'max-content' }}
      rowClassName={(s) => (s.key === highlight ? 'ant-table-row-selected' : '')}
      onRow={(s) => ({ 'data-stage': s.key }) as React.HTMLAttributes<HTMLElement>}
      columns={wrapWords([
        {
          key: 'name',
          title: t('schedule.stage'),
          fixed: 'left',
          width: 220,
          render: (_, s) => (
            <Space size={4} wrap>
              <span style={{ fontWeight: s.critical ? 600 : 400, color: s.critical ? '#cf1322' : undefined }}>
                {s.milestone ? '◆ ' : ''}
                {nameOf(s)}
              </span>
              {s.critical && <Tag color="red">{t('gantt.critical')}</Tag>}
            </Space>
          ),
        },
        {
          key: 'status',
          title: t('schedule.status'),
          width: 120,
          render: (_, s) => (
            <Space size={0} wrap>
              <StatusTag t={t} s={s} today={schedule.today} />
              <WarningTag t={t} s={s} />
            </Space>
          ),
        },
        {
          key: 'group',
          title: t('schedule.group'),
          width: 104,
          render: (_, s) => t(`stageGroup.${s.group}` as 'stageGroup.landing'),
        },
        {
          key: 'duration',
          title: t('schedule.duration'),
          width: 100,
          render: (_, s) =>
            edit && !s.milestone && s.status !== 'not_applicable' && s.status !== 'done' ? (
              <InputNumber
                key={`${s.key}-${s.duration}-${schedule.version}`}
                aria-label={`${nameOf(s)} ${t('schedule.duration')}`}
                size="small"
                min={0}
                max={2000}
                defaultValue={s.duration}
                disabled={busy}
                style={{ width: 76 }}
                onBlur={(e) => {
                  const v = Number(e.target.value);
                  if (Number.isInteger(v) && v >= 0 && v !== s.duration) onDuration(s, v);
                }}
                onPressEnter={(e) => (e.target as HTMLInputElement).blur()}
              />
            ) : (
              s.duration
            ),
        },
        { key: 'ls', title: t('schedule.plannedStart'), width: 100, render: (_, s) => d(s.latestStart) },
        { key: 'lf', title: t('schedule.plannedFinish'), width: 100, render: (_, s) => d(s.latestFinish) },
        { key: 'fs', title: t('schedule.forecastStart'), width: 100, render: (_, s) => d(s.forecastStart) },
        {
          key: 'ff',
          title: t('schedule.forecastFinish'),
          width: 100,
          render: (_, s) => <span data-testid={`forecast-${s.key}`}>{d(s.forecastFinish)}</span>,
        },
        { key: 'as', title: t('schedule.actualStart'), width: 100, render: (_, s) => d(s.actualStart) },
        {
          key: 'af',
          title: t('schedule.actualFinish'),
          width: 110,
          render: (_, s) => (
            <Space size={4}>
              {d(s.actualFinish)}
              <FlagMark t={t} s={s} />
            </Space>
          ),
        },
        {
          key: 'float',
          title: t('schedule.float'),
          width: 80,
          align: 'right',
          render: (_, s) =>
            s.totalFloat === null ? (
              dash
            ) : (
              <span style={{ color: s.totalFloat < 0 ? '#cf1322' : undefined }}>{s.totalFloat}</span>
            ),
        },
        {
          key: 'note',
          title: t('schedule.note'),
          width: 120,
          ellipsis: true,
          render: (_, s) => (s.note ? <Tooltip title={s.note}>{s.note}</Tooltip> : ''),
        },
        ...(edit
          ? [
              {
                key: 'na',
                title: t('warChart.status.not_applicable'),
                width: 72,
                render: (_: unknown, s: ScheduledStageDto) => (
                  <Switch
                    size="small"
                    aria-label={`${nameOf(s)} ${t('warChart.status.not_applicable')}`}
                    checked={s.status === 'not_applicable'}
                    disabled={busy || s.status === 'done' || s.status === 'in_progress'}
                    onChange={(v) => onNotApplicable(s, v)}
                  />
                ),
              },
            ]
          : []),
        ...(record
          ? [
              {
                key: 'actions',
                title: t('common.actions'),
                fixed: 'right' as const,
                width: 76,
                render: (_: unknown, s: ScheduledStageDto) =>
                  s.status === 'not_applicable' || !s.canRecord ? null : (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => onRecord(s)}
                      aria-label={`${t('schedule.record')} ${nameOf(s)}`}
                    >
                      {t('schedule.record')}
                    </Button>
                  ),
              },
            ]
          : []),
      ])}
    />
  );
}
