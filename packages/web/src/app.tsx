import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useI18n } from './i18n/index.tsx';
import { useSession } from './session.tsx';
import {
  canCreateProject,
  canManageAccounts,
  canManageData,
  canManageJobs,
  canReadAudit,
  canSeeLedger,
  canSeeSecurityEvents,
} from './permissions.ts';
import { AppLayout } from './shell/app-layout.tsx';
import { ResultPage } from './components/result-page.tsx';
import { LoginPage } from './pages/login/login-page.tsx';
import { MfaEnrolPage } from './pages/mfa/mfa-enrol-page.tsx';
import { ComingSoonPage, comingSoon } from './pages/coming-soon/coming-soon-page.tsx';
import { LedgerPage } from './pages/ledger/ledger-page.tsx';
import { ProjectDetailPage } from './pages/project/project-detail-page.tsx';
import { ProjectFormPage } from './pages/project/project-form-page.tsx';
import { UsersPage } from './pages/admin/users-page.tsx';
import { RegionsPage } from './pages/admin/regions-page.tsx';
import { DepartmentsPage } from './pages/admin/departments-page.tsx';
import { CalendarPage } from './pages/admin/calendar-page.tsx';
import { StageTemplatesPage } from './pages/admin/stage-templates-page.tsx';
import { WarningRulesPage } from './pages/admin/warning-rules-page.tsx';
import { AuditPage } from './pages/audit/audit-page.tsx';
import { SecurityEventsPage } from './pages/audit/security-events-page.tsx';
import { JobsPage } from './pages/jobs/jobs-page.tsx';
import { WarChartPage } from './pages/war-chart/war-chart-page.tsx';
import { SchedulePage } from './pages/schedule/schedule-page.tsx';
import { ImportPage } from './pages/import/import-page.tsx';

export function App() {
  const { state } = useSession();
  const { t } = useI18n();
  const location = useLocation();

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  if (state.status === 'loading') {
    return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  }
  if (state.status === 'anonymous') {
    if (location.pathname !== '/login') {
      const back = location.pathname + location.search;
      const query = back === '/' ? '' : `?from=${encodeURIComponent(back)}`;
      return <Navigate to={`/login${query}`} replace />;
    }
    return <LoginPage reason={state.reason} />;
  }
  const user = state.user;
  // An officer without a second factor sets it up before anything else (after a forced password change).
  if (state.session.mfaSetupRequired && !user.mustChangePassword) return <MfaEnrolPage />;
  const home = canSeeLedger(user) ? '/projects' : canReadAudit(user) ? '/audit' : '/admin/users';
  const from = new URLSearchParams(location.search).get('from');
  const afterLogin = from && from.startsWith('/') && !from.startsWith('/login') ? from : home;
  const forbidden = <ResultPage status="403" />;
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={afterLogin} replace />} />
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to={home} replace />} />
        <Route path="projects" element={<LedgerPage />} />
        <Route path="projects/import" element={canCreateProject(user) ? <ImportPage /> : forbidden} />
        <Route path="projects/new" element={<ProjectFormPage />} />
        <Route path="projects/:id" element={<ProjectDetailPage />} />
        <Route path="projects/:id/edit" element={<ProjectFormPage />} />
        <Route path="projects/:id/schedule" element={<SchedulePage />} />
        <Route path="war-chart" element={canSeeLedger(user) ? <WarChartPage /> : forbidden} />
        {comingSoon
          .filter((c) => c.path !== 'war-chart')
          .map((c) => (
            <Route key={c.path} path={c.path} element={<ComingSoonPage feature={c} />} />
          ))}
        <Route path="admin/users" element={canManageAccounts(user) ? <UsersPage /> : forbidden} />
        <Route path="admin/regions" element={canManageData(user) ? <RegionsPage /> : forbidden} />
        <Route path="admin/departments" element={canManageData(user) ? <DepartmentsPage /> : forbidden} />
        <Route path="admin/calendar" element={canManageData(user) ? <CalendarPage /> : forbidden} />
        <Route
          path="admin/stage-templates"
          element={canManageData(user) ? <StageTemplatesPage /> : forbidden}
        />
        <Route
          path="admin/warning-rules"
          element={canManageData(user) ? <WarningRulesPage /> : forbidden}
        />
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
