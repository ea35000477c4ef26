import type { MessageKey } from './zh-CN.ts';
import { commonZhCN } from './common.zh-CN.ts';
import { shellZhCN } from './shell.zh-CN.ts';
import { ledgerZhCN } from './ledger.zh-CN.ts';
import { errorsZhCN } from './errors.zh-CN.ts';
import { authZhCN } from './auth.zh-CN.ts';
import { catalogueZhCN } from './catalogue.zh-CN.ts';
import { newcomerZhCN } from './newcomer.zh-CN.ts';
import { demoZhCN } from './demo.zh-CN.ts';
import { accountsZhCN } from './accounts.zh-CN.ts';
import { adminZhCN } from './admin.zh-CN.ts';
import { offlineZhCN } from './offline.zh-CN.ts';
import { jobsZhCN } from './jobs.zh-CN.ts';
import { dispatchZhCN } from './dispatch.zh-CN.ts';
import { storageZhCN } from './storage.zh-CN.ts';

/**
 * The Chinese words the first screens need, in the entry: the login page, the shell (menu, bell,
 * role names, the offline banner), the ledger, and every error. The rest of ./zh-CN.ts is its own
 * chunk, loaded before any other page renders (components/lazy-page.tsx) — so the login and the
 * ledger do not load the dictionaries of the pages they do not show. A key missing here while only
 * this part is loaded fetches the rest at once (i18n/index.tsx), so a gap shows a key for a moment,
 * never for good; i18n/zh-CN.core.test.ts checks that the first screens' keys are here.
 */
export const zhCNCore: Partial<Record<MessageKey, string>> = {
  ...commonZhCN,
  ...shellZhCN,
  ...ledgerZhCN,
  ...errorsZhCN,
  ...authZhCN,
  ...catalogueZhCN,
  ...newcomerZhCN,
  ...demoZhCN,
  ...accountsZhCN,
  ...adminZhCN,
  ...offlineZhCN,
  // notification texts and job names (the bell): pages/jobs/notification-text.ts imports the first two anyway
  ...jobsZhCN,
  ...dispatchZhCN,
  ...storageZhCN,
};
