import { Tag } from 'antd';
import type { ScheduledStageDto } from '@guatu/contracts';
import { stageWarningText } from '../../api/client.ts';
import type { Translate } from '../../i18n/index.tsx';

const statusColor: Record<ScheduledStageDto['status'], string> = {
  done: 'green',
  in_progress: 'blue',
  not_started: 'default',
  not_applicable: 'default',
};

/** 滞后: unfinished past its latest finish (the war chart's "late"). */
export function isLate(s: ScheduledStageDto, today: string): boolean {
  return s.status !== 'done' && s.status !== 'not_applicable' && !!s.latestFinish && s.latestFinish < today;
}

export function StatusTag({ t, s, today }: { t: Translate; s: ScheduledStageDto; today: string }) {
  if (isLate(s, today)) return <Tag color="volcano">{t('warChart.status.late')}</Tag>;
  return <Tag color={statusColor[s.status]}>{t(`warChart.status.${s.status}`)}</Tag>;
}

export function WarningTag({ t, s }: { t: Translate; s: ScheduledStageDto }) {
  const w = s.warning;
  if (!w || w.level === 'green') return null;
  return (
    <Tag color={w.level === 'red' ? 'red' : 'gold'} title={stageWarningText(w, t)}>
      {t(`warChart.warning.${w.level}`)}
    </Tag>
  );
}

/** The war chart's flag rule: black on a stage finished late, red on a milestone finished on time. */
export function FlagMark({ t, s }: { t: Translate; s: ScheduledStageDto }) {
  if (s.status !== 'done' || !s.actualFinish || !s.latestFinish) return null;
  const overran = s.actualFinish > s.latestFinish;
  if (!overran && !s.milestone) return null;
  return (
    <span
      title={t(overran ? 'warChart.flag.black' : 'warChart.flag.red')}
      style={{ color: overran ? '#000' : '#f5222d' }}
    >
      ⚑
    </span>
  );
}
