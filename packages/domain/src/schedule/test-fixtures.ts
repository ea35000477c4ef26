/** Shared by the schedule tests: a calendar reaching back to 2022 for plans computed back from mid-2023. */
import { chinaCalendarSpec } from '../calendar/calendar-spec.ts';
import { buildCalendar } from '../calendar/working-calendar.ts';
import type { ScheduleInput } from './schedule.ts';
import { defaultStageTemplate } from './stage-templates.ts';

export const testCalendar = buildCalendar(chinaCalendarSpec({ firstYear: 2022, lastYear: 2026 }));

/** The brief's project: 计划开工 2023-06-30, 计划竣工 (投产) 2024-06-30, nothing done yet. */
export function buildScheduleInput(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    stages: defaultStageTemplate.stages,
    targets: [
      { stage: 'start', finishBy: '2023-06-30' },
      { stage: 'operation', finishBy: '2024-06-30' },
    ],
    actuals: {},
    ...overrides,
  };
}
