import { z } from 'zod';
import { lazy } from './lazy.ts';
import { version } from './common.ts';
import { stageKey, warningLevel } from './schedule.ts';
import { settingSource } from './settings.ts';

/** 预警规则: the stage-warning thresholds an admin changes (the domain's WarningRules). */
const startRules = lazy(() =>
  z
    .strictObject({
      stages: z.array(stageKey).max(40),
      yellowMonthsPast: z.int().min(0).max(36),
      redMonthsPast: z.int().min(0).max(36),
    })
    .refine((r) => r.yellowMonthsPast <= r.redMonthsPast, {
      message: 'yellowMonthsPast must not exceed redMonthsPast',
      path: ['yellowMonthsPast'],
    }),
);

const stageRules = lazy(() =>
  z
    .strictObject({
      yellowDaysPast: z.int().min(0).max(365),
      redDaysPast: z.int().min(0).max(365),
      negativeFloat: z.enum(['yellow', 'red']).nullable(),
    })
    .refine((r) => r.yellowDaysPast <= r.redDaysPast, {
      message: 'yellowDaysPast must not exceed redDaysPast',
      path: ['yellowDaysPast'],
    }),
);

export const warningRulesBody = lazy(() => z.strictObject({ start: startRules, stage: stageRules }));

export const warningRules = lazy(() =>
  z.object({
    start: z.object({
      stages: z.array(z.string()),
      yellowMonthsPast: z.number(),
      redMonthsPast: z.number(),
    }),
    stage: z.object({
      yellowDaysPast: z.number(),
      redDaysPast: z.number(),
      /** The domain allows 'green'; a PUT sets only 'yellow', 'red' or null. */
      negativeFloat: warningLevel.nullable(),
    }),
    version: version,
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    ...settingSource.shape,
  }),
);
export type WarningRulesDto = z.infer<typeof warningRules>;

export const warningRulesUpdate = lazy(() => warningRulesBody.extend({ version: version }));
export type WarningRulesUpdate = z.infer<typeof warningRulesUpdate>;
