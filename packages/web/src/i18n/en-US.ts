import { commonEnUS } from './common.en-US.ts';
import { shellEnUS } from './shell.en-US.ts';
import { ledgerEnUS } from './ledger.en-US.ts';
import { importEnUS } from './import.en-US.ts';
import { scheduleEnUS } from './schedule.en-US.ts';
import { warChartEnUS } from './war-chart.en-US.ts';
import { adminEnUS } from './admin.en-US.ts';
import { auditLogEnUS } from './audit-log.en-US.ts';
import { calendarEnUS } from './calendar.en-US.ts';
import { stageTemplatesEnUS } from './stage-templates.en-US.ts';
import { warningRulesEnUS } from './warning-rules.en-US.ts';
import { errorsEnUS } from './errors.en-US.ts';
import { firstImportEnUS } from './first-import.en-US.ts';
import type { MessageKey } from './zh-CN.ts';
import { accountsEnUS } from './accounts.en-US.ts';
import { uploadsEnUS } from './uploads.en-US.ts';
import { jobsEnUS } from './jobs.en-US.ts';
import { auditEnUS } from './audit.en-US.ts';
import { settingsEnUS } from './settings.en-US.ts';
import { personalEnUS } from './personal.en-US.ts';
import { authEnUS } from './auth.en-US.ts';
import { storageEnUS } from './storage.en-US.ts';
import { catalogueEnUS } from './catalogue.en-US.ts';
import { setupEnUS } from './setup.en-US.ts';
import { newcomerEnUS } from './newcomer.en-US.ts';
import { peopleEnUS } from './people.en-US.ts';
import { exportsEnUS } from './exports.en-US.ts';
import { demoEnUS } from './demo.en-US.ts';
import { dispatchEnUS } from './dispatch.en-US.ts';
import { dispatchReviewEnUS } from './dispatch-review.en-US.ts';
import { dispatchPhotosEnUS } from './dispatch-photos.en-US.ts';
import { dispatchStagesEnUS } from './dispatch-stages.en-US.ts';
import { dispatchReportEnUS } from './dispatch-report.en-US.ts';
import { dispatchImportEnUS } from './dispatch-import.en-US.ts';
import { offlineEnUS } from './offline.en-US.ts';

export const enUS: Record<MessageKey, string> = {
  ...commonEnUS,
  ...shellEnUS,
  ...ledgerEnUS,
  ...importEnUS,
  ...scheduleEnUS,
  ...warChartEnUS,
  ...adminEnUS,
  ...auditLogEnUS,
  ...calendarEnUS,
  ...stageTemplatesEnUS,
  ...warningRulesEnUS,
  ...accountsEnUS,
  ...uploadsEnUS,
  ...jobsEnUS,
  ...auditEnUS,
  ...settingsEnUS,
  ...personalEnUS,
  ...authEnUS,
  ...storageEnUS,
  ...catalogueEnUS,
  ...setupEnUS,
  ...newcomerEnUS,
  ...peopleEnUS,
  ...exportsEnUS,
  ...demoEnUS,
  ...dispatchEnUS,
  ...dispatchReviewEnUS,
  ...dispatchPhotosEnUS,
  ...dispatchStagesEnUS,
  ...dispatchReportEnUS,
  ...dispatchImportEnUS,
  ...offlineEnUS,
  ...firstImportEnUS,
  ...errorsEnUS,
};
