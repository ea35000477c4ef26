import { useEffect, useState, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Flex, Popconfirm, Popover, Tag, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CloudUploadOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  LoadingOutlined,
} from '@ant-design/icons';
import { errorMessage } from '../api/client.ts';
import { showInstant } from '../format.ts';
import { useT } from '../i18n/index.tsx';
import { useIsMobile } from '../components/use-mobile.ts';
import {
  discardReport,
  retryReport,
  startOutbox,
  stopOutbox,
  useOutbox,
  usePendingReports,
  type PendingReport,
} from './report-outbox.ts';

const subscribeOnline = (l: () => void) => {
  window.addEventListener('online', l);
  window.addEventListener('offline', l);
  return () => {
    window.removeEventListener('online', l);
    window.removeEventListener('offline', l);
  };
};
/** navigator.onLine, re-rendered on the online / offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine !== false);
}

/** How long "已全部发送" stays after the queue empties. */
const SENT_NOTICE_MS = 5000;

type Status =
  | { kind: 'none' }
  | { kind: 'failed'; count: number }
  | { kind: 'sending' }
  | { kind: 'waiting'; count: number; photos: number; offline: boolean }
  | { kind: 'sent' };

function useStatus(): { status: Status; pending: PendingReport[] } {
  const { sending, lastDrainedAt } = useOutbox();
  const pending = usePendingReports();
  const online = useOnline();
  const [recent, setRecent] = useState(false);
  useEffect(() => {
    if (lastDrainedAt === null || Date.now() - lastDrainedAt > SENT_NOTICE_MS) return;
    setRecent(true);
    const id = setTimeout(() => setRecent(false), SENT_NOTICE_MS);
    return () => clearTimeout(id);
  }, [lastDrainedAt]);
  const failed = pending.filter((p) => p.error);
  const waiting = pending.filter((p) => !p.error);
  let status: Status = { kind: 'none' };
  if (failed.length > 0) status = { kind: 'failed', count: failed.length };
  else if (waiting.length > 0 && sending && online) status = { kind: 'sending' };
  else if (waiting.length > 0)
    status = {
      kind: 'waiting',
      count: waiting.length,
      photos: waiting.reduce((n, p) => n + p.photos, 0),
      offline: !online,
    };
  else if (recent) status = { kind: 'sent' };
  return { status, pending };
}

function statusText(status: Status, t: ReturnType<typeof useT>): string {
  switch (status.kind) {
    case 'failed':
      return t('offline.failed', { count: status.count });
    case 'sending':
      return t('offline.sending');
    case 'waiting': {
      const head = t(status.offline ? 'offline.pendingOffline' : 'offline.pending', { count: status.count });
      return status.photos > 0 ? `${head}，${t('offline.pendingPhotos', { count: status.photos })}` : head;
    }
    case 'sent':
      return t('offline.allSent');
    case 'none':
      return '';
  }
}

/** Each report kept on the phone: what it is, its refusal, open / retry / discard. */
function PendingList({ pending }: { pending: PendingReport[] }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Flex vertical gap={8} style={{ maxWidth: 320 }}>
      {pending.map((p) => {
        const name = p.title ?? `#${p.projectId}`;
        const kind = t(`offline.kind.${p.kind}`);
        return (
          <Flex key={`${p.roundId}:${p.projectId}`} vertical gap={4} data-testid="pending-report">
            {p.error ? (
              <Typography.Text type="danger">
                {t('offline.failedOne', { name, kind, message: errorMessage(p.error, t) })}
              </Typography.Text>
            ) : (
              <Typography.Text>
                {name} · {kind}
                {p.photos > 0 ? ` · ${t('offline.pendingPhotos', { count: p.photos })}` : ''}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('offline.queuedAt', { time: showInstant(p.queuedAt) })}
            </Typography.Text>
            <Flex gap={8}>
              <Button
                size="small"
                onClick={() => void navigate(`/dispatch/report/${p.roundId}/${p.projectId}`)}
              >
                {t('offline.open')}
              </Button>
              {p.error && (
                <Button size="small" type="primary" onClick={() => void retryReport(p.roundId, p.projectId)}>
                  {t('offline.retry')}
                </Button>
              )}
              {p.error && (
                <Popconfirm
                  title={t('offline.discardConfirm')}
                  onConfirm={() => discardReport(p.roundId, p.projectId)}
                >
                  <Button size="small" danger>
                    {t('offline.discard')}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}

const icons = {
  failed: <ExclamationCircleOutlined />,
  sending: <LoadingOutlined />,
  waiting: <CloudUploadOutlined />,
  offline: <DisconnectOutlined />,
  sent: <CheckCircleOutlined />,
};

/**
 * What is still waiting on this phone to be sent (issue 10, item 3): "2 份填报待发送（无网络）",
 * "正在发送…", "已全部发送" for a moment, or the reports the server refused with its message.
 * `header` (the shell's header on a wide screen): a tag opening the list; `strip` (under the shell's
 * header on a phone, where the header has no room): a full-width banner; `page` (a page's own):
 * a banner in the page.
 */
export function PendingBanner({ placement = 'page' }: { placement?: 'header' | 'strip' | 'page' }) {
  const t = useT();
  const mobile = useIsMobile();
  const { status, pending } = useStatus();
  if (status.kind === 'none') return null;
  if ((placement === 'header' && mobile) || (placement === 'strip' && !mobile)) return null;
  const compact = placement === 'header';
  const text = statusText(status, t);
  const icon = status.kind === 'waiting' && status.offline ? icons.offline : icons[status.kind];
  if (compact) {
    const color =
      status.kind === 'failed'
        ? 'error'
        : status.kind === 'sent'
          ? 'success'
          : status.kind === 'sending'
            ? 'processing'
            : 'warning';
    const tag = (
      <Tag
        color={color}
        icon={icon}
        role="status"
        data-testid="pending-banner"
        style={{ marginInlineEnd: 0, cursor: pending.length > 0 ? 'pointer' : undefined, maxWidth: 200 }}
      >
        <Typography.Text ellipsis style={{ color: 'inherit', maxWidth: 170 }}>
          {text}
        </Typography.Text>
      </Tag>
    );
    if (pending.length === 0) return tag;
    return (
      <Popover trigger="click" placement="bottomRight" content={<PendingList pending={pending} />}>
        {tag}
      </Popover>
    );
  }
  const type =
    status.kind === 'failed'
      ? 'error'
      : status.kind === 'sent'
        ? 'success'
        : status.kind === 'sending'
          ? 'info'
          : 'warning';
  return (
    <Alert
      type={type}
      icon={icon}
      showIcon
      banner={placement === 'strip'}
      role="status"
      data-testid="pending-banner"
      title={text}
      description={
        status.kind === 'failed' ? <PendingList pending={pending.filter((p) => p.error)} /> : undefined
      }
      // The strip stays under the sticky header (64 px) while the page scrolls.
      style={placement === 'strip' ? { position: 'sticky', top: 64, zIndex: 9 } : { marginBottom: 12 }}
    />
  );
}

/** Sends the queue while a user is signed in (mounted once, in the shell). */
export function OutboxRunner({ userId }: { userId: number }) {
  useEffect(() => {
    startOutbox(userId);
    return () => stopOutbox();
  }, [userId]);
  return null;
}
