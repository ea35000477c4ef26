/**
 * Stage warnings (预警) of PRODUCT.md as data: an admin changes the thresholds, not the code.
 *
 * Decisions where PRODUCT.md is silent: a stage is measured against its latest finish (the
 * 倒排 plan); a stage finished late stays yellow, not red (red asks for action that can no
 * longer help); a not-started stage that is not yet due has no warning; an in-progress one on
 * track is green; "days past" are calendar days.
 */
import { addMonths } from '../dates.ts';
import { toOrdinal } from '../calendar/day-ordinal.ts';
import { warningRank, type WarningLevel } from '../vocabulary.ts';
import type { ScheduleResult, ScheduledStage } from './schedule.ts';

export type WarningRules = {
  /** 开工预警: the stages it applies to, measured by month against the target (or latest start). */
  start: { stages: string[]; yellowMonthsPast: number; redMonthsPast: number };
  /** 工序预警: calendar days past the latest finish, and whether negative float alone warns. */
  stage: { yellowDaysPast: number; redDaysPast: number; negativeFloat: WarningLevel | null };
};

export const defaultWarningRules: WarningRules = {
  start: { stages: ['start'], yellowMonthsPast: 1, redMonthsPast: 3 },
  stage: { yellowDaysPast: 1, redDaysPast: 30, negativeFloat: 'yellow' },
};

export type WarningReason =
  | 'started_on_time'
  | 'started_late'
  | 'not_started'
  | 'finished_on_time'
  | 'finished_late'
  | 'overdue'
  | 'negative_float'
  | 'on_track';

export type StageWarning = {
  stage: string;
  kind: 'start' | 'stage';
  level: WarningLevel;
  reason: WarningReason;
  /** Months (start) or calendar days (stage) past the plan; working days of float for negative_float. */
  amount: number;
  /**
   * What the wording is made from, for a client or a server to word the warning in its language:
   * `stage` (the stage's name), `planned` (a month), `started`, `until` (a month), `latestFinish`,
   * `months`, `days` — those the reason needs.
   */
  params: Record<string, string | number>;
  /** The zh-CN wording. */
  message: string;
};

/** The start and stage warnings of a schedule on `today`; stages with nothing to say are left out. */
export function stageWarnings(result: ScheduleResult, rules: WarningRules, today: string): StageWarning[] {
  const warnings: StageWarning[] = [];
  for (const s of result.stages) {
    if (s.status === 'not_applicable') continue;
    if (rules.start.stages.includes(s.key)) {
      const w = startWarning(s, rules.start, today);
      if (w) warnings.push(w);
    }
    const w = stageWarning(s, rules.stage, today);
    if (w) warnings.push(w);
  }
  return warnings;
}

/** The worst level among warnings, or null when there are none. */
export function worstLevel(warnings: readonly StageWarning[]): WarningLevel | null {
  let worst: WarningLevel | null = null;
  for (const w of warnings) if (worst === null || warningRank[w.level] > warningRank[worst]) worst = w.level;
  return worst;
}

function monthsBetween(fromMonth: string, toMonth: string): number {
  const index = (ym: string): number => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7));
  return index(toMonth) - index(fromMonth);
}

function startWarning(s: ScheduledStage, rule: WarningRules['start'], today: string): StageWarning | null {
  const plannedMonth = (s.target ?? s.latestStart).slice(0, 7);
  const make = (
    level: WarningLevel,
    reason: WarningReason,
    amount: number,
    params: Record<string, string | number>,
    message: string,
  ): StageWarning => ({
    stage: s.key,
    kind: 'start',
    level,
    reason,
    amount,
    params: { stage: s.name, ...params },
    message,
  });
  const started = s.actual.start ?? s.actual.finish;
  if (started !== undefined) {
    const late = monthsBetween(plannedMonth, started.slice(0, 7));
    return late <= 0
      ? make('green', 'started_on_time', 0, { started }, `${s.name}：按计划于 ${started} 开始`)
      : make(
          'yellow',
          'started_late',
          late,
          { planned: plannedMonth, started, months: late },
          `${s.name}：计划 ${plannedMonth}，${started} 开始，晚 ${late} 个月`,
        );
  }
  const past = monthsBetween(plannedMonth, today.slice(0, 7));
  if (past < rule.yellowMonthsPast) return null;
  const level = past >= rule.redMonthsPast ? 'red' : 'yellow';
  const until = addMonths(plannedMonth, past);
  return make(
    level,
    'not_started',
    past,
    { planned: plannedMonth, until, months: past },
    `${s.name}：计划 ${plannedMonth}，至 ${until} 仍未开始`,
  );
}

function stageWarning(s: ScheduledStage, rule: WarningRules['stage'], today: string): StageWarning | null {
  const make = (
    level: WarningLevel,
    reason: WarningReason,
    amount: number,
    params: Record<string, string | number>,
    message: string,
  ): StageWarning => ({
    stage: s.key,
    kind: 'stage',
    level,
    reason,
    amount,
    params: { stage: s.name, ...params },
    message,
  });
  if (s.status === 'done') {
    const late = toOrdinal(s.forecast.finish) - toOrdinal(s.latestFinish);
    return late < rule.yellowDaysPast
      ? make('green', 'finished_on_time', 0, {}, `${s.name}：按计划完成`)
      : make(
          'yellow',
          'finished_late',
          late,
          { latestFinish: s.latestFinish, days: late },
          `${s.name}：晚于最迟完成 ${s.latestFinish} ${late} 天完成`,
        );
  }
  const past = toOrdinal(today) - toOrdinal(s.latestFinish);
  if (past >= rule.yellowDaysPast) {
    const level = past >= rule.redDaysPast ? 'red' : 'yellow';
    return make(
      level,
      'overdue',
      past,
      { latestFinish: s.latestFinish, days: past },
      `${s.name}：已超过最迟完成 ${s.latestFinish} ${past} 天`,
    );
  }
  if (s.totalFloat < 0 && rule.negativeFloat) {
    return make(
      rule.negativeFloat,
      'negative_float',
      s.totalFloat,
      { days: -s.totalFloat },
      `${s.name}：按当前计划将晚于目标 ${-s.totalFloat} 个工作日`,
    );
  }
  return s.status === 'in_progress' ? make('green', 'on_track', 0, {}, `${s.name}：正常推进`) : null;
}
