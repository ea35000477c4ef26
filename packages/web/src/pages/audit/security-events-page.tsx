import { useState } from 'react';
import { Alert, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import type { SecurityEvent, SecurityEventKind } from '@guatu/contracts';
import { useSecurityEvents } from '../../api/audit-queries.ts';
import { errorMessage } from '../../api/client.ts';
import { showInstant } from '../../format.ts';
import { useI18n, type MessageKey, type Translate } from '../../i18n/index.tsx';

const kindColour: Record<SecurityEventKind, string> = {
  account_locked: 'orange',
  role_changed: 'purple',
  password_reset: 'blue',
  password_changed: 'cyan',
  denied_burst: 'red',
  audit_chain_broken: 'magenta',
};
/** The kinds in the filter, in this order (the colours' record lists each kind once: the type checks it). */
const kinds = Object.keys(kindColour) as SecurityEventKind[];

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** One line of details, worded in the reader's language from the event's fields. */
function details(t: Translate, e: SecurityEvent): string {
  const d = e.details;
  const roles = (v: unknown) =>
    Array.isArray(v) ? v.map((r) => t(`role.${String(r)}` as MessageKey)).join('、') || '—' : '—';
  switch (e.kind) {
    case 'account_locked':
      return t('securityEvents.detail.locked', {
        n: str(d.failedLogins),
        until: d.lockedUntil ? showInstant(String(d.lockedUntil)) : '—',
      });
    case 'role_changed':
      return t('securityEvents.detail.roles', {
        before: roles(d.before),
        after: roles(d.after),
        by: str(d.by),
      });
    case 'password_reset':
      return t('securityEvents.detail.by', { by: str(d.by) });
    case 'denied_burst':
      return t('securityEvents.detail.burst', {
        count: str(d.count),
        minutes: str(d.minutes),
        by: d.by === 'ip' ? t('securityEvents.detail.byIp') : t('securityEvents.detail.byUser'),
      });
    case 'audit_chain_broken': {
      const b = (d.broken ?? {}) as { id?: number | null; reason?: string };
      return t('securityEvents.detail.chain', {
        id: str(b.id ?? '—'),
        reason: b.reason ? t(`audit.reason.${b.reason}` as MessageKey, { expected: '' }) : '',
      });
    }
    default:
      return '';
  }
}

/** 安全事件, for the security administrator: newest first, derived from the audit log as it is written. */
export function SecurityEventsPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<SecurityEventKind | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const events = useSecurityEvents({ kind, ...page });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('securityEvents.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('securityEvents.intro')}</Typography.Text>
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('securityEvents.kind')}
            placeholder={t('securityEvents.kind')}
            allowClear
            style={{ width: 180 }}
            options={kinds.map((k) => ({ value: k, label: t(`securityEvents.kind.${k}`) }))}
            value={kind}
            onChange={(v: SecurityEventKind | undefined) => {
              setKind(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
          />
        </Flex>
        {events.error && (
          <Alert type="error" showIcon title={errorMessage(events.error, t)} style={{ marginBottom: 12 }} />
        )}
        <Table<SecurityEvent>
          rowKey="id"
          size="middle"
          loading={events.isFetching}
          dataSource={events.data?.items}
          scroll={{ x: 800 }}
          columns={[
            {
              key: 'at',
              title: t('securityEvents.at'),
              dataIndex: 'at',
              width: 150,
              render: (v: string) => showInstant(v),
            },
            {
              key: 'kind',
              title: t('securityEvents.kind'),
              dataIndex: 'kind',
              width: 140,
              render: (k: SecurityEventKind) => (
                <Tag color={kindColour[k]}>{t(`securityEvents.kind.${k}`)}</Tag>
              ),
            },
            {
              key: 'user',
              title: t('securityEvents.user'),
              dataIndex: 'userName',
              width: 120,
              render: (v: string | null) => v ?? '—',
            },
            {
              key: 'ip',
              title: t('securityEvents.ip'),
              dataIndex: 'ip',
              width: 130,
              render: (v: string | null) => v ?? '—',
            },
            { key: 'details', title: t('securityEvents.details'), render: (_: unknown, e) => details(t, e) },
          ]}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: events.data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
        />
      </Card>
    </Flex>
  );
}
