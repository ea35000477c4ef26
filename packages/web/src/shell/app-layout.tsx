import { lazy, memo, Suspense, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Tag, Typography, theme } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';
import { useSession, useUser } from '../session.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { DemoBanner } from '../components/demo-banner.tsx';
import { lazyPage, PageSuspense } from '../components/lazy-page.tsx';
import { PasswordExpiryNotice } from '../pages/mfa/password-expiry-notice.tsx';
import { useIsMobile } from '../components/use-mobile.ts';
import { menuFor, selectedKey, type MenuEntry } from './menu.tsx';
import { useNavigateTo } from './use-navigate-to.ts';
import { StyleKeeper } from './style-keeper.tsx';
import { setBytesFetcher } from '../api/client.ts';
import { NotificationBell } from './notification-bell.tsx';
import { menuTarget, prefetchWarChart, pressedWarChart } from '../features/war-chart/war-chart-query.ts';
import { OutboxRunner, PendingBanner } from '../offline/pending-banner.tsx';

const { Header, Sider, Content } = Layout;

// The phone's menu drawer: its own chunk, so that a wide screen (a Sider) does not load it (≈ 5 kB gzip).
const Drawer = lazy(() => import('antd/es/drawer'));

// Loaded when first opened, not with every page.
const ChangePasswordModal = lazyPage(
  () => import('../components/change-password-modal.tsx'),
  'ChangePasswordModal',
);
const MfaSettingsModal = lazyPage(() => import('../pages/mfa/mfa-settings-modal.tsx'), 'MfaSettingsModal');

/**
 * The side menu, the one part of the shell that follows the location (its selected item; a click
 * on the ledger or the war chart keeps the year and filters of the page shown). The selection is
 * deferred: a click renders the new page first, the menu's highlight right after (rc-menu renders
 * every item again for it).
 */
function ShellMenu({ items, onNavigate }: { items: MenuEntry[]; onNavigate: () => void }) {
  const location = useLocation();
  const navigate = useNavigateTo();
  const queryClient = useQueryClient();
  const selected = useDeferredValue(selectedKey(location.pathname));
  const warChart = items.some((i) => i.key === '/war-chart');
  useEffect(() => {
    if (!warChart) return;
    // the worker that fetches the war chart's answer (api/fetch-bytes.ts), ready before a click
    const start = () =>
      void import('../api/fetch-bytes.ts').then((m) => {
        if (m.startBytesWorker()) setBytesFetcher(m.fetchBytes);
      });
    const idle = window.requestIdleCallback?.(start, { timeout: 3000 });
    const timer = idle === undefined ? setTimeout(start, 1000) : undefined;
    return () => {
      if (idle !== undefined) window.cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, [warChart]);
  const at = useRef(location);
  at.current = location;
  const close = useRef(onNavigate);
  close.current = onNavigate;
  return useMemo(
    () => (
      <Menu
        mode="inline"
        theme="dark"
        items={items}
        selectedKeys={[selected]}
        defaultOpenKeys={selected.startsWith('/admin') ? ['admin'] : []}
        // 挂图作战's request starts as the button goes down, ~0.1 s before the click
        onPointerDown={(e) => {
          if (pressedWarChart(e.target)) prefetchWarChart(at.current, queryClient);
        }}
        onClick={({ key }) => {
          close.current();
          // the ledger and the war chart share the year and filters; 挂图作战 starts its request now
          navigate(menuTarget(key, at.current, queryClient));
        }}
      />
    ),
    [items, selected, navigate, queryClient],
  );
}

/**
 * The shell: side menu, header, and the page. Memoised and free of the location (see ShellMenu):
 * a navigation renders the page and the menu, not the header, the bell and the banners again.
 */
export const AppLayout = memo(function AppLayout() {
  const { t } = useI18n();
  const user = useUser();
  const { logout, state } = useSession();
  const offline = state.status === 'authenticated' && state.offline === true;
  const navigate = useNavigateTo();
  const mobile = useIsMobile();
  const { token } = theme.useToken();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [mfaOpen, setMfaOpen] = useState(false);

  const items = useMemo(() => menuFor(user, t), [user, t]);
  const menu = <ShellMenu items={items} onNavigate={() => setDrawerOpen(false)} />;
  const roleNames = user.roles.map((r) => t(`role.${r}`));
  const brand = (
    <div
      style={{
        color: '#fff',
        fontWeight: 600,
        fontSize: 16,
        padding: '16px 20px',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      {collapsed && !mobile ? '挂图' : t('app.short')}
    </div>
  );

  const userMenu = {
    items: [
      { key: 'who', disabled: true, label: `${user.displayName} · ${roleNames.join('、')}` },
      { type: 'divider' as const },
      { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
      { key: 'mfa', icon: <SafetyOutlined />, label: t('mfa.menu') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'password') setPasswordOpen(true);
      if (key === 'mfa') setMfaOpen(true);
      if (key === 'logout') void logout().then(() => navigate('/login'));
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Suspense fallback={null}>
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            closable={false}
            styles={{ body: { padding: 0, background: '#001529' } }}
          >
            {brand}
            {menu}
          </Drawer>
        </Suspense>
      ) : (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          {brand}
          {menu}
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: mobile ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {mobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label="menu"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Typography.Text strong style={{ fontSize: mobile ? 15 : 17, flex: 1, minWidth: 0 }} ellipsis>
            {mobile ? t('app.short') : t('app.title')}
          </Typography.Text>
          {/* Reports kept on the phone (no signal) are sent while signed in; what waits is shown. */}
          {/* Started again once the server has confirmed the session (offline → online): the queue is sent then. */}
          {!user.mustChangePassword && <OutboxRunner key={offline ? 'offline' : 'online'} userId={user.id} />}
          {!user.mustChangePassword && <PendingBanner placement="header" />}
          {/* A session confined to changing its password must not poll what it may not read. */}
          {!user.mustChangePassword && <NotificationBell />}
          <LanguageSwitch size="small" />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <Button type="text" style={{ paddingInline: 4 }}>
              <Space size={6}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                {!mobile && <span>{user.displayName}</span>}
                {!mobile && roleNames[0] && <Tag style={{ marginInlineEnd: 0 }}>{roleNames[0]}</Tag>}
              </Space>
            </Button>
          </Dropdown>
        </Header>
        <DemoBanner />
        {!user.mustChangePassword && <PendingBanner placement="strip" />}
        {/* isolation: the page's own layers (a table's frozen columns) stay under the sticky header */}
        <Content style={{ padding: mobile ? 12 : 24, minWidth: 0, isolation: 'isolate' }}>
          <PasswordExpiryNotice onChange={() => setPasswordOpen(true)} />
          {/* A printed or reset password is changed first: nothing else answers until then. */}
          {/* Pages are lazy chunks: a centred spinner while one loads, the shell stays. */}
          {!user.mustChangePassword && (
            <PageSuspense>
              <Outlet />
            </PageSuspense>
          )}
        </Content>
      </Layout>
      {/* antd's styles of the filter bar, kept while the pages that show it come and go */}
      <StyleKeeper />
      <Suspense fallback={null}>
        {(passwordOpen || user.mustChangePassword) && (
          <ChangePasswordModal
            open={passwordOpen || user.mustChangePassword}
            forced={user.mustChangePassword}
            onClose={() => setPasswordOpen(false)}
          />
        )}
        {mfaOpen && <MfaSettingsModal open={mfaOpen} onClose={() => setMfaOpen(false)} />}
      </Suspense>
    </Layout>
  );
});
