import { Button, Card, Flex, Typography } from 'antd';
import type { ProjectScheduleDto, ScheduledStageDto } from '@guatu/contracts';
import { dash } from '../../format.ts';
import { stageDisplayName } from '@guatu/domain/schedule/stage-templates';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import { FlagMark, StatusTag, WarningTag } from './schedule-labels.tsx';

/** On a phone the Gantt collapses to this list: one card per stage with its dates and status. */
export function StageList({
  t,
  schedule,
  highlight,
  onRecord,
}: {
  t: Translate;
  schedule: ProjectScheduleDto;
  highlight: string | null;
  onRecord: (s: ScheduledStageDto) => void;
}) {
  const { language } = useI18n();
  let group = '';
  return (
    <Flex vertical gap={8}>
      {schedule.stages.map((s) => {
        const header = s.group !== group;
        group = s.group;
        const na = s.status === 'not_applicable';
        return (
          <div key={s.key} data-stage={s.key}>
            {header && (
              <Typography.Text strong type="secondary" style={{ display: 'block', margin: '8px 0 4px' }}>
                {t(`stageGroup.${s.group}` as 'stageGroup.landing')}
              </Typography.Text>
            )}
            <Card
              size="small"
              style={{
                borderLeft: `3px solid ${s.critical ? '#ff4d4f' : s.status === 'done' ? '#52c41a' : '#d9d9d9'}`,
                background: s.key === highlight ? '#e6f4ff' : undefined,
                opacity: na ? 0.6 : 1,
              }}
            >
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Typography.Text strong={s.critical}>
                  {s.milestone ? '◆ ' : ''}
                  {stageDisplayName(s, language)} <FlagMark t={t} s={s} />
                </Typography.Text>
                <Flex gap={0}>
                  <StatusTag t={t} s={s} today={schedule.today} />
                  <WarningTag t={t} s={s} />
                </Flex>
              </Flex>
              {!na && (
                <div style={{ fontSize: 12, color: '#595959', marginTop: 4, lineHeight: 1.7 }}>
                  <div>
                    {t('schedule.planned')}：{s.latestStart ?? dash} ~ {s.latestFinish ?? dash}
                  </div>
                  <div>
                    {s.status === 'done' ? t('schedule.actual') : t('schedule.forecast')}：
                    {s.status === 'done'
                      ? `${s.actualStart ?? dash} ~ ${s.actualFinish ?? dash}`
                      : `${s.actualStart ?? s.forecastStart ?? dash} ~ ${s.forecastFinish ?? dash}`}
                    {s.totalFloat !== null && ` · ${t('schedule.float')} ${s.totalFloat}`}
                  </div>
                  {s.note && <div>{s.note}</div>}
                </div>
              )}
              {s.canRecord && !na && (
                <Button size="small" style={{ marginTop: 6 }} onClick={() => onRecord(s)}>
                  {t('schedule.record')}
                </Button>
              )}
            </Card>
          </div>
        );
      })}
    </Flex>
  );
}
