import { useState } from 'react';
import { Badge, Button, Empty, Flex, Popover, Spin, Typography, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { NotificationDto } from '@guatu/contracts';
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
} from '../api/jobs-queries.ts';
import { showInstant } from '../format.ts';
import { useT } from '../i18n/index.tsx';
import { notificationText } from '../pages/jobs/notification-text.ts';
import { useNavigateTo } from './use-navigate-to.ts';

const PAGE = 10;

/** The header's bell: unread count (polled every minute), the latest notifications, read marks. */
export function NotificationBell() {
  const t = useT();
  // not useNavigate: the bell is not rendered again at every navigation
  const navigate = useNavigateTo();
  const { token } = theme.useToken();
  const [open, setOpen] = useState(false);
  const [pageSize, setPageSize] = useState(PAGE);
  const list = useNotifications(pageSize);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const unread = list.data?.unread ?? 0;

  const openOne = (n: NotificationDto) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) {
      setOpen(false);
      navigate(n.link);
    }
  };

  const content = (
    <Flex vertical style={{ width: 340, maxWidth: '80vw' }}>
      <Flex align="center" justify="space-between" style={{ paddingBottom: 8 }}>
        <Typography.Text strong>{t('notify.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t('notify.markAllRead')}
        </Button>
      </Flex>
      {list.isLoading ? (
        <Spin />
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      ) : (
        <Flex vertical style={{ maxHeight: 420, overflowY: 'auto' }} role="list">
          {list.data!.items.map((n) => (
            <Flex
              key={n.id}
              role="listitem"
              vertical
              gap={2}
              style={{
                padding: '8px 4px',
                borderTop: `1px solid ${token.colorBorderSecondary}`,
                cursor: n.link ? 'pointer' : 'default',
              }}
              onClick={() => openOne(n)}
            >
              <Typography.Text strong={!n.readAt} type={n.readAt ? 'secondary' : undefined}>
                {!n.readAt && <Badge status="processing" style={{ marginInlineEnd: 6 }} />}
                {notificationText(t, n)}
              </Typography.Text>
              <Flex align="center" justify="space-between">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {showInstant(n.createdAt)}
                </Typography.Text>
                {!n.readAt && (
                  <Button
                    type="link"
                    size="small"
                    onClick={(e) => {
                      e.stopPropagation();
                      markRead.mutate(n.id);
                    }}
                  >
                    {t('notify.markRead')}
                  </Button>
                )}
              </Flex>
            </Flex>
          ))}
          {(list.data?.total ?? 0) > pageSize && (
            <Button type="link" size="small" onClick={() => setPageSize((s) => Math.min(100, s + PAGE))}>
              {t('notify.more')}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Button type="text" aria-label={t('notify.bell', { n: unread })} style={{ paddingInline: 6 }}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
