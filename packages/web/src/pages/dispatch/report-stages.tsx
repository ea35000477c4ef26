import { Flex, Input, Tag, Typography } from 'antd';
import type { ScheduledStageDto } from '@guatu/contracts';
import { useT } from '../../i18n/index.tsx';
import type { StageEntry } from './report-form-state.ts';
import { issuesAt, issueText, type FieldIssue } from './report-issues.ts';

/**
 * The stages a report updates: those in progress and the next one to start (and any the draft
 * already names), from the project's schedule; their actual start and finish (native date inputs:
 * the phone's own picker). The server writes them to the schedule with the submission.
 */
export function reportStages(stages: ScheduledStageDto[], entries: StageEntry[]): ScheduledStageDto[] {
  const named = new Set(entries.map((e) => e.key));
  const next = stages.find((s) => s.status === 'not_started');
  return stages.filter((s) => s.status === 'in_progress' || s === next || named.has(s.key));
}

export function ReportStages(props: {
  stages: ScheduledStageDto[];
  entries: StageEntry[];
  editable: boolean;
  today: string;
  issues: FieldIssue[];
  onChange: (entries: StageEntry[]) => void;
}) {
  const t = useT();
  const shown = reportStages(props.stages, props.entries);
  if (shown.length === 0)
    return <Typography.Text type="secondary">{t('dispatchReport.stages.none')}</Typography.Text>;
  const valueOf = (s: ScheduledStageDto): StageEntry =>
    props.entries.find((e) => e.key === s.key) ?? {
      key: s.key,
      actualStart: s.actualStart,
      actualFinish: s.actualFinish,
    };
  const set = (s: ScheduledStageDto, patch: Partial<StageEntry>) => {
    const entry = { ...valueOf(s), ...patch };
    props.onChange([...props.entries.filter((e) => e.key !== s.key), entry]);
  };

  return (
    <Flex vertical gap={16}>
      {shown.map((s) => {
        const v = valueOf(s);
        const issues = issuesAt(props.issues, `stages.${s.key}`);
        const disabled = !props.editable || !s.canRecord;
        return (
          <Flex key={s.key} vertical gap={6} data-testid={`report-stage-${s.key}`}>
            <Flex align="center" gap={8} wrap>
              <Typography.Text strong>{s.name}</Typography.Text>
              <Tag color={s.status === 'in_progress' ? 'processing' : 'default'}>
                {t(`dispatchReport.stages.status.${s.status === 'in_progress' ? 'inProgress' : 'next'}`)}
              </Tag>
            </Flex>
            <Flex gap={8}>
              <label style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dispatchReport.stages.start')}
                </Typography.Text>
                <Input
                  type="date"
                  size="large"
                  max={props.today}
                  value={v.actualStart ?? ''}
                  disabled={disabled}
                  status={issues.some((i) => i.severity === 'error') ? 'error' : undefined}
                  onChange={(e) => set(s, { actualStart: e.target.value || null })}
                />
              </label>
              <label style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dispatchReport.stages.finish')}
                </Typography.Text>
                <Input
                  type="date"
                  size="large"
                  max={props.today}
                  min={v.actualStart ?? undefined}
                  value={v.actualFinish ?? ''}
                  disabled={disabled}
                  status={issues.some((i) => i.severity === 'error') ? 'error' : undefined}
                  onChange={(e) => set(s, { actualFinish: e.target.value || null })}
                />
              </label>
            </Flex>
            {issues.map((i) => (
              <Typography.Text key={i.code} type={i.severity === 'error' ? 'danger' : 'warning'}>
                {issueText(i, t)}
              </Typography.Text>
            ))}
          </Flex>
        );
      })}
    </Flex>
  );
}
