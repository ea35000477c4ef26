import { commonZhCN } from './common.zh-CN.ts';
import { shellZhCN } from './shell.zh-CN.ts';
import { ledgerZhCN } from './ledger.zh-CN.ts';
import { importZhCN } from './import.zh-CN.ts';
import { scheduleZhCN } from './schedule.zh-CN.ts';
import { warChartZhCN } from './war-chart.zh-CN.ts';
import { adminZhCN } from './admin.zh-CN.ts';
import { auditLogZhCN } from './audit-log.zh-CN.ts';
import { calendarZhCN } from './calendar.zh-CN.ts';
import { stageTemplatesZhCN } from './stage-templates.zh-CN.ts';
import { warningRulesZhCN } from './warning-rules.zh-CN.ts';
import { errorsZhCN } from './errors.zh-CN.ts';
import { firstImportZhCN } from './first-import.zh-CN.ts';
import { accountsZhCN } from './accounts.zh-CN.ts';
import { uploadsZhCN } from './uploads.zh-CN.ts';
import { jobsZhCN } from './jobs.zh-CN.ts';
import { auditZhCN } from './audit.zh-CN.ts';
import { settingsZhCN } from './settings.zh-CN.ts';
import { personalZhCN } from './personal.zh-CN.ts';
import { authZhCN } from './auth.zh-CN.ts';
import { storageZhCN } from './storage.zh-CN.ts';
import { catalogueZhCN } from './catalogue.zh-CN.ts';
import { setupZhCN } from './setup.zh-CN.ts';
import { newcomerZhCN } from './newcomer.zh-CN.ts';
import { peopleZhCN } from './people.zh-CN.ts';
import { exportsZhCN } from './exports.zh-CN.ts';
import { demoZhCN } from './demo.zh-CN.ts';
import { dispatchZhCN } from './dispatch.zh-CN.ts';
import { dispatchReviewZhCN } from './dispatch-review.zh-CN.ts';
import { dispatchPhotosZhCN } from './dispatch-photos.zh-CN.ts';
import { dispatchStagesZhCN } from './dispatch-stages.zh-CN.ts';
import { dispatchReportZhCN } from './dispatch-report.zh-CN.ts';
import { dispatchImportZhCN } from './dispatch-import.zh-CN.ts';
import { offlineZhCN } from './offline.zh-CN.ts';

/**
 * The Chinese dictionary is the reference: every other language has exactly its keys.
 * Keys live in one file per feature (<feature>.zh-CN.ts / <feature>.en-US.ts); this index only spreads them.
 */
export const zhCN = {
  ...commonZhCN,
  ...shellZhCN,
  ...ledgerZhCN,
  ...importZhCN,
  ...scheduleZhCN,
  ...warChartZhCN,
  ...adminZhCN,
  ...auditLogZhCN,
  ...calendarZhCN,
  ...stageTemplatesZhCN,
  ...warningRulesZhCN,
  ...accountsZhCN,
  ...uploadsZhCN,
  ...jobsZhCN,
  ...auditZhCN,
  ...settingsZhCN,
  ...personalZhCN,
  ...authZhCN,
  ...storageZhCN,
  ...catalogueZhCN,
  ...setupZhCN,
  ...newcomerZhCN,
  ...peopleZhCN,
  ...exportsZhCN,
  ...demoZhCN,
  ...dispatchZhCN,
  ...dispatchReviewZhCN,
  ...dispatchPhotosZhCN,
  ...dispatchStagesZhCN,
  ...dispatchReportZhCN,
  ...dispatchImportZhCN,
  ...offlineZhCN,
  ...firstImportZhCN,
  ...errorsZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
