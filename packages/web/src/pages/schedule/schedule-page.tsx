import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Statistic,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, ProfileOutlined, SaveOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { templateKeys, type ProjectEditDto, type ScheduledStageDto } from '@guatu/contracts';
import { ApiError, errorMessage } from '../../api/client.ts';
import {
  useProjectSchedule,
  useRecordStage,
  useSaveBaseline,
  useUpdateSchedule,
} from '../../api/schedule-queries.ts';
import { ResultPage } from '../../components/result-page.tsx';
import { useIsMobile } from '../../components/use-mobile.ts';
import { GanttChart, GanttLegend } from '../../features/gantt/gantt-chart.tsx';
import { stageDisplayName } from '@guatu/domain/schedule/stage-templates';
import { useI18n } from '../../i18n/index.tsx';
import { StageList } from './stage-list.tsx';
import { StageProgressModal } from './stage-progress-modal.tsx';
import { ScheduleTargetsForm } from './schedule-targets-form.tsx';
import { StageTable } from './stage-table.tsx';

/** Replaces the project's edit of this kind for this stage (or drops it when `next` is null). */
function withEdit(
  edits: ProjectEditDto[],
  kind: ProjectEditDto['kind'],
  stage: string,
  next: ProjectEditDto | null,
) {
  const rest = edits.filter(
    (e) => !(e.kind === kind && (e.kind === 'add' ? e.stage.key : e.stage) === stage),
  );
  return next ? [...rest, next] : rest;
}

/** 工序计划 / 甘特图 of one project: the Gantt, each stage's dates, progress recording, re-planning, baselines. */
export function SchedulePage() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [search, setSearch] = useSearchParams();
  const baselineId = Number(search.get('baselineId')) || null;
  const highlight = search.get('stage');
  const query = useProjectSchedule(valid ? id : null, baselineId);
  const update = useUpdateSchedule(id);
  const record = useRecordStage(id);
  const saveBaseline = useSaveBaseline(id);
  const [recording, setRecording] = useState<ScheduledStageDto | null>(null);
  const [naming, setNaming] = useState<string | null>(null);

  if (!valid) return <ResultPage status="404" />;
  // no targets yet: ask for them here rather than send the user elsewhere
  if (query.error instanceof ApiError && query.error.code === 'schedule_no_targets' && !query.data)
    return <ScheduleTargetsForm projectId={id} />;
  if (query.error && !query.data) return <ResultPage error={query.error} />;
  const s = query.data;
  if (!s) return <Spin style={{ display: 'block', margin: 48 }} />;

  const setParam = (key: string, value: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const replan = (edits: ProjectEditDto[]) =>
    update.mutateAsync({ edits, version: s.version }).then(
      () => void message.success(t('schedule.replanned')),
      (e: unknown) => void message.error(errorMessage(e, t)),
    );
  const onDuration = (st: ScheduledStageDto, days: number) =>
    void replan(withEdit(s.edits, 'duration', st.key, { kind: 'duration', stage: st.key, duration: days }));
  const onNotApplicable = (st: ScheduledStageDto, na: boolean) =>
    void replan(
      withEdit(s.edits, 'not_applicable', st.key, na ? { kind: 'not_applicable', stage: st.key } : null),
    );

  const late = s.overall.negativeFloat
    .map((k) => {
      const stage = s.stages.find((x) => x.key === k);
      return stage ? stageDisplayName(stage, language) : k;
    })
    .join(language === 'en-US' ? ', ' : '、');
  const behind = s.overall.forecastFinish > s.overall.targetFinish;

  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
        <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 180 }}>
          {s.projectName} · {t('schedule.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<ProfileOutlined />} onClick={() => void navigate(`/projects/${id}`)}>
            {t('schedule.projectInfo')}
          </Button>
          <Select
            aria-label={t('schedule.baseline')}
            style={{ width: 190 }}
            value={baselineId ?? 0}
            onChange={(v: number) => setParam('baselineId', v ? String(v) : null)}
            options={[
              { value: 0, label: t('schedule.noBaseline') },
              ...s.baselines.map((b) => ({ value: b.id, label: `${t('schedule.baseline')}：${b.name}` })),
            ]}
          />
          {s.canEdit && (
            <Button
              icon={<SaveOutlined />}
              onClick={() => setNaming(t('schedule.baselineDefault', { date: s.today }))}
            >
              {t('schedule.saveBaseline')}
            </Button>
          )}
        </Space>
      </Flex>
      {query.error && <Alert type="error" showIcon title={errorMessage(query.error, t)} />}
      {!s.canEdit && <Alert type="info" showIcon title={t('schedule.readOnly')} />}
      {s.overall.negativeFloat.length > 0 && (
        <Alert type="warning" showIcon title={t('schedule.negativeFloat', { stages: late })} />
      )}
      <Card size="small">
        <Flex wrap gap={mobile ? 16 : 40} align="center">
          <Statistic
            title={t('schedule.targetFinish')}
            value={s.overall.targetFinish}
            styles={{ content: { fontSize: 18 } }}
          />
          <div data-testid="forecast-finish">
            <Statistic
              title={t('schedule.forecastFinishAll')}
              value={s.overall.forecastFinish}
              styles={{ content: { fontSize: 18, color: behind ? '#cf1322' : '#389e0d' } }}
            />
          </div>
          <Statistic
            title={t('schedule.minFloat')}
            value={t('schedule.days', { n: s.overall.minFloat })}
            styles={{ content: { fontSize: 18, color: s.overall.minFloat < 0 ? '#cf1322' : undefined } }}
          />
          <Space direction="vertical" size={2}>
            <Typography.Text type="secondary">{t('schedule.template')}</Typography.Text>
            {s.canEdit ? (
              <Select
                aria-label={t('schedule.template')}
                size="small"
                style={{ width: 150 }}
                value={s.templateKey}
                disabled={update.isPending}
                onChange={(k: (typeof templateKeys)[number]) =>
                  update.mutateAsync({ templateKey: k, version: s.version }).then(
                    () => void message.success(t('schedule.replanned')),
                    (e: unknown) => void message.error(errorMessage(e, t)),
                  )
                }
                options={templateKeys.map((k) => ({ value: k, label: t(`schedule.templates.${k}`) }))}
              />
            ) : (
              <span>{t(`schedule.templates.${s.templateKey}`)}</span>
            )}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('schedule.today', { today: s.today })}
          </Typography.Text>
        </Flex>
      </Card>
      {mobile ? (
        <StageList t={t} schedule={s} highlight={highlight} onRecord={setRecording} />
      ) : (
        <>
          <Card size="small" title={t('schedule.gantt')} extra={<GanttLegend t={t} />}>
            <GanttChart schedule={s} t={t} highlight={highlight} onPick={(k) => setParam('stage', k)} />
          </Card>
          <Card size="small" title={t('schedule.stages')}>
            <StageTable
              t={t}
              schedule={s}
              highlight={highlight}
              busy={update.isPending}
              onRecord={setRecording}
              onDuration={onDuration}
              onNotApplicable={onNotApplicable}
            />
          </Card>
        </>
      )}
      {recording && (
        <StageProgressModal
          t={t}
          stage={recording}
          today={s.today}
          version={s.version}
          saving={record.isPending}
          onSave={(body) =>
            record
              .mutateAsync({ stage: recording.key, body })
              .then(() => void message.success(t('common.saved')))
          }
          onClose={() => setRecording(null)}
        />
      )}
      {naming !== null && (
        <Modal
          open
          title={t('schedule.saveBaseline')}
          okText={t('common.save')}
          confirmLoading={saveBaseline.isPending}
          onCancel={() => setNaming(null)}
          onOk={() =>
            saveBaseline.mutateAsync(naming.trim()).then(
              () => {
                setNaming(null);
                void message.success(t('common.saved'));
              },
              (e: unknown) => void message.error(errorMessage(e, t)),
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('schedule.baselineHint')}</Typography.Paragraph>
          <Input
            aria-label={t('schedule.baselineName')}
            value={naming}
            maxLength={50}
            onChange={(e) => setNaming(e.target.value)}
          />
        </Modal>
      )}
    </Flex>
  );
}
