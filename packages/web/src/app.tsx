import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useI18n } from './i18n/index.tsx';
import { useSession } from './session.tsx';
import {
  canImportLedger,
  canManageAccounts,
  canManageData,
  canManageJobs,
  canReadAudit,
  canReportDispatch,
  canSeeLedger,
  canSeeSecurityEvents,
} from './permissions.ts';
import { comingSoon } from './pages/coming-soon/coming-soon-features.ts';
import { lazyPage, PageSuspense, preloadWhenIdle } from './components/lazy-page.tsx';
import { useNeedsSetup } from './pages/setup/setup-queries.ts';

// Every page is its own chunk, loaded on first visit (the login page and the ledger load only what
// they need); the shell too, so the login page does not load the menu and the notification bell.
// A module named here must not also be imported statically elsewhere (it would stop being a chunk).
// The shell, the login and the ledger need only the entry's core words (i18n/zh-CN.core.ts); every
// other page also waits for the rest of the dictionary.
const AppLayout = lazyPage(() => import('./shell/app-layout.tsx'), 'AppLayout', { messages: 'core' });
const ResultPage = lazyPage(() => import('./components/result-page.tsx'), 'ResultPage');
const ComingSoonPage = lazyPage(() => import('./pages/coming-soon/coming-soon-page.tsx'), 'ComingSoonPage');
const LoginPage = lazyPage(() => import('./pages/login/login-page.tsx'), 'LoginPage', { messages: 'core' });
const MfaEnrolPage = lazyPage(() => import('./pages/mfa/mfa-enrol-page.tsx'), 'MfaEnrolPage');
const LedgerPage = lazyPage(() => import('./pages/ledger/ledger-page.tsx'), 'LedgerPage', {
  messages: 'core',
});
const ProjectDetailPage = lazyPage(
  () => import('./pages/project/project-detail-page.tsx'),
  'ProjectDetailPage',
);
const ProjectFormPage = lazyPage(() => import('./pages/project/project-form-page.tsx'), 'ProjectFormPage');
const UsersPage = lazyPage(() => import('./pages/admin/users-page.tsx'), 'UsersPage');
const RegionsPage = lazyPage(() => import('./pages/admin/regions-page.tsx'), 'RegionsPage');
const DepartmentsPage = lazyPage(() => import('./pages/admin/departments-page.tsx'), 'DepartmentsPage');
const PeoplePage = lazyPage(() => import('./pages/people/people-page.tsx'), 'PeoplePage');
const CalendarPage = lazyPage(() => import('./pages/admin/calendar-page.tsx'), 'CalendarPage');
const StageTemplatesPage = lazyPage(
  () => import('./pages/admin/stage-templates-page.tsx'),
  'StageTemplatesPage',
);
const WarningRulesPage = lazyPage(() => import('./pages/admin/warning-rules-page.tsx'), 'WarningRulesPage');
const AuditPage = lazyPage(() => import('./pages/audit/audit-page.tsx'), 'AuditPage');
const SecurityEventsPage = lazyPage(
  () => import('./pages/audit/security-events-page.tsx'),
  'SecurityEventsPage',
);
const JobsPage = lazyPage(() => import('./pages/jobs/jobs-page.tsx'), 'JobsPage');
const WarChartPage = lazyPage(() => import('./pages/war-chart/war-chart-page.tsx'), 'WarChartPage');
const DispatchRoundsPage = lazyPage(
  () => import('./pages/dispatch/dispatch-rounds-page.tsx'),
  'DispatchRoundsPage',
);
const DispatchTablePage = lazyPage(
  () => import('./pages/dispatch/dispatch-table-page.tsx'),
  'DispatchTablePage',
);
const DispatchFiguresPage = lazyPage(
  () => import('./pages/dispatch/figures-page.tsx'),
  'DispatchFiguresPage',
);
const MyReportsPage = lazyPage(() => import('./pages/dispatch/my-reports-page.tsx'), 'MyReportsPage');
const ReportPage = lazyPage(() => import('./pages/dispatch/report-page.tsx'), 'ReportPage');
const SchedulePage = lazyPage(() => import('./pages/schedule/schedule-page.tsx'), 'SchedulePage');
const ImportPage = lazyPage(() => import('./pages/import/import-page.tsx'), 'ImportPage');
const SetupPage = lazyPage(() => import('./pages/setup/setup-page.tsx'), 'SetupPage');

/** The pages of the shell, most visited first: the current one is preloaded with the shell, the rest when idle. */
const shellPages: [RegExp, { preload: () => void }][] = [
  [/^\/projects\/?$/, LedgerPage],
  [/^\/war-chart/, WarChartPage],
  [/^\/dispatch\/my/, MyReportsPage],
  [/^\/dispatch\/report\//, ReportPage],
  [/^\/projects\/\d+\/schedule/, SchedulePage],
  [/^\/projects\/(new|\d+\/edit)/, ProjectFormPage],
  [/^\/projects\/\d+\/?$/, ProjectDetailPage],
  [/^\/projects\/import/, ImportPage],
  [/^\/audit/, AuditPage],
  [/^\/admin\/users/, UsersPage],
  [/^\/admin\/regions/, RegionsPage],
  [/^\/admin\/departments/, DepartmentsPage],
  [/^\/admin\/people/, PeoplePage],
  [/^\/admin\/calendar/, CalendarPage],
  [/^\/admin\/stage-templates/, StageTemplatesPage],
  [/^\/admin\/warning-rules/, WarningRulesPage],
  [/^\/admin\/jobs/, JobsPage],
  [/^\/admin\/security-events/, SecurityEventsPage],
];

export function App() {
  const { state } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  // 初始化：the root admin of a system not set up yet chooses its division first.
  const authed = state.status === 'authenticated' ? state : null;
  const needsSetup = useNeedsSetup(authed?.user ?? null, authed !== null && !authed.session.mfaSetupRequired);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  // Signed in: fetch the shell and the current page at once (not one after the other), then the
  // other pages while the browser is idle, so that the menu opens pages without a wait.
  const inShell = authed !== null && !authed.session.mfaSetupRequired;
  useEffect(() => {
    if (!inShell) return;
    AppLayout.preload();
    const current = shellPages.find(([re]) => re.test(window.location.pathname))?.[1];
    current?.preload();
    return preloadWhenIdle(shellPages.map(([, page]) => page).filter((p) => p !== current));
  }, [inShell]);

  if (state.status === 'loading') {
    return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  }
  if (state.status === 'anonymous') {
    if (location.pathname !== '/login') {
      const back = location.pathname + location.search;
      const query = back === '/' ? '' : `?from=${encodeURIComponent(back)}`;
      return <Navigate to={`/login${query}`} replace />;
    }
    return (
      <PageSuspense>
        <LoginPage reason={state.reason} />
      </PageSuspense>
    );
  }
  const user = state.user;
  // An officer without a second factor sets it up before anything else (after a forced password change).
  if (state.session.mfaSetupRequired && !user.mustChangePassword)
    return (
      <PageSuspense>
        <MfaEnrolPage />
      </PageSuspense>
    );
  const home = canSeeLedger(user) ? '/projects' : canReadAudit(user) ? '/audit' : '/admin/users';
  const from = new URLSearchParams(location.search).get('from');
  const afterLogin = from && from.startsWith('/') && !from.startsWith('/login') ? from : home;
  const forbidden = <ResultPage status="403" />;
  if (needsSetup && location.pathname !== '/setup') return <Navigate to="/setup" replace />;
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={afterLogin} replace />} />
      <Route
        element={
          <PageSuspense>
            <AppLayout />
          </PageSuspense>
        }
      >
        <Route index element={<Navigate to={home} replace />} />
        <Route path="projects" element={<LedgerPage />} />
        <Route path="projects/import" element={canImportLedger(user) ? <ImportPage /> : forbidden} />
        <Route path="projects/new" element={<ProjectFormPage />} />
        <Route path="projects/:id" element={<ProjectDetailPage />} />
        <Route path="projects/:id/edit" element={<ProjectFormPage />} />
        <Route path="projects/:id/schedule" element={<SchedulePage />} />
        <Route path="war-chart" element={canSeeLedger(user) ? <WarChartPage /> : forbidden} />
        <Route path="dispatch" element={canSeeLedger(user) ? <DispatchRoundsPage /> : forbidden} />
        <Route path="dispatch/rounds/:id" element={canSeeLedger(user) ? <DispatchTablePage /> : forbidden} />
        <Route
          path="dispatch/rounds/:id/figures"
          element={canSeeLedger(user) ? <DispatchFiguresPage /> : forbidden}
        />
        <Route path="dispatch/my" element={canReportDispatch(user) ? <MyReportsPage /> : forbidden} />
        <Route
          path="dispatch/report/:roundId/:projectId"
          element={canReportDispatch(user) ? <ReportPage /> : forbidden}
        />
        {comingSoon
          .filter((c) => c.path !== 'war-chart' && c.path !== 'dispatch')
          .map((c) => (
            <Route key={c.path} path={c.path} element={<ComingSoonPage feature={c} />} />
          ))}
        <Route path="admin/users" element={canManageAccounts(user) ? <UsersPage /> : forbidden} />
        <Route path="admin/regions" element={canManageData(user) ? <RegionsPage /> : forbidden} />
        <Route path="admin/departments" element={canManageData(user) ? <DepartmentsPage /> : forbidden} />
        <Route path="admin/people" element={canManageData(user) ? <PeoplePage /> : forbidden} />
        <Route path="admin/calendar" element={canManageData(user) ? <CalendarPage /> : forbidden} />
        <Route
          path="admin/stage-templates"
          element={canManageData(user) ? <StageTemplatesPage /> : forbidden}
        />
        <Route path="admin/warning-rules" element={canManageData(user) ? <WarningRulesPage /> : forbidden} />
        <Route path="setup" element={canManageJobs(user) ? <SetupPage /> : forbidden} />
        <Route path="admin/jobs" element={canManageJobs(user) ? <JobsPage /> : forbidden} />
        <Route path="audit" element={canReadAudit(user) ? <AuditPage /> : forbidden} />
        <Route
          path="admin/security-events"
          element={canSeeSecurityEvents(user) ? <SecurityEventsPage /> : forbidden}
        />
        <Route path="*" element={<ResultPage status="404" />} />
      </Route>
    </Routes>
  );
}
