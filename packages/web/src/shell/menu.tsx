import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FormOutlined,
  FundOutlined,
  IdcardOutlined,
  NodeIndexOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  SafetyOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { SessionUser } from '@guatu/contracts';
import type { MessageKey, Translate } from '../i18n/index.tsx';
import {
  canManageAccounts,
  canManageData,
  canManageJobs,
  canManageSystem,
  canReadAudit,
  canReportDispatch,
  canSeeLedger,
  canSeeSecurityEvents,
} from '../permissions.ts';

export type MenuEntry = { key: string; icon?: ReactNode; label: string; children?: MenuEntry[] };

const soon: { path: string; label: MessageKey; icon: ReactNode }[] = [
  { path: '/dispatch', label: 'menu.dispatch', icon: <CalendarOutlined /> },
  { path: '/problems', label: 'menu.problems', icon: <AlertOutlined /> },
  { path: '/assessment', label: 'menu.assessment', icon: <TrophyOutlined /> },
  { path: '/funding', label: 'menu.funding', icon: <FundOutlined /> },
  { path: '/dashboard', label: 'menu.dashboard', icon: <DashboardOutlined /> },
];

/** The side menu: what the user's roles may open; keys are the route paths. */
export function menuFor(user: SessionUser, t: Translate): MenuEntry[] {
  const items: MenuEntry[] = [];
  // 我的填报 first for those who report from a site (the admin reports from the 调度表).
  if (canReportDispatch(user) && !canManageData(user))
    items.push({ key: '/dispatch/my', icon: <FormOutlined />, label: t('menu.myReports') });
  if (canSeeLedger(user)) {
    items.push({ key: '/projects', icon: <UnorderedListOutlined />, label: t('menu.ledger') });
    items.push({ key: '/war-chart', icon: <ProjectOutlined />, label: t('menu.warChart') });
    for (const s of soon) items.push({ key: s.path, icon: s.icon, label: t(s.label) });
  }
  if (canManageSystem(user)) {
    items.push({
      key: 'admin',
      icon: <SettingOutlined />,
      label: t('menu.admin'),
      children: [
        // 三员分立: 用户管理 for the security administrator, the data settings for the admin.
        ...(canManageAccounts(user)
          ? [{ key: '/admin/users', icon: <TeamOutlined />, label: t('menu.users') }]
          : []),
        ...(canManageData(user)
          ? [
              { key: '/admin/regions', icon: <ApartmentOutlined />, label: t('menu.regions') },
              { key: '/admin/departments', icon: <BankOutlined />, label: t('menu.departments') },
              { key: '/admin/people', icon: <IdcardOutlined />, label: t('menu.people') },
              { key: '/admin/calendar', icon: <ScheduleOutlined />, label: t('menu.calendar') },
              { key: '/admin/stage-templates', icon: <NodeIndexOutlined />, label: t('menu.stageTemplates') },
              { key: '/admin/warning-rules', icon: <WarningOutlined />, label: t('menu.warningRules') },
            ]
          : []),
        ...(canManageJobs(user)
          ? [{ key: '/admin/jobs', icon: <FieldTimeOutlined />, label: t('menu.jobs') }]
          : []),
        ...(canSeeSecurityEvents(user)
          ? [{ key: '/admin/security-events', icon: <SafetyOutlined />, label: t('menu.securityEvents') }]
          : []),
      ],
    });
  }
  if (canReadAudit(user)) items.push({ key: '/audit', icon: <AuditOutlined />, label: t('menu.audit') });
  return items;
}

/** The menu key that owns a path: /projects/12/edit belongs to /projects. */
export function selectedKey(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 'admin' && parts[1]) return `/admin/${parts[1]}`;
  if (parts[0] === 'dispatch' && (parts[1] === 'my' || parts[1] === 'report')) return '/dispatch/my';
  return `/${parts[0] ?? 'projects'}`;
}
