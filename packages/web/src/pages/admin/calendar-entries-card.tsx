import { useMemo, useState } from 'react';
import { App, Button, Card, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.ts';
import {
  useDeleteCalendarEntry,
  type CalendarDto,
  type CalendarEntry,
  type CalendarEntryKind,
} from '../../api/admin-schedule-queries.ts';
import { useT } from '../../i18n/index.tsx';
import { useIsMobile } from '../../components/use-mobile.ts';
import { SettingSourceTag } from './setting-source.tsx';
import { CalendarEntryModal } from './calendar-entry-modal.tsx';

const kindColor: Record<CalendarEntryKind, string> = { holiday: 'red', workday: 'blue', stop: 'orange' };

export function dateRange(e: { from: string; to: string }): string {
  return e.from === e.to ? e.from : `${e.from} ~ ${e.to}`;
}

/** 工作日历 › 日历条目: the region's own entries and those inherited from above; add, delete own. */
export function CalendarEntriesCard({
  data,
  fetching,
}: {
  data: CalendarDto | undefined;
  fetching: boolean;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const { message, modal } = App.useApp();
  const remove = useDeleteCalendarEntry();
  const [adding, setAdding] = useState(false);
  const entries = useMemo(
    () => [...(data?.entries ?? [])].sort((a, b) => a.from.localeCompare(b.from) || a.id - b.id),
    [data],
  );

  const confirmDelete = (e: CalendarEntry) =>
    modal.confirm({
      title: t('calendar.delete'),
      content: t('calendar.deleteConfirm', { name: e.name, range: dateRange(e) }),
      okButtonProps: { danger: true },
      onOk: () =>
        remove.mutateAsync(e.id).then(
          () => void message.success(t('calendar.deleted')),
          (err: unknown) => void message.error(errorMessage(err, t)),
        ),
    });

  const columns = [
    {
      key: 'kind',
      title: t('calendar.kind'),
      dataIndex: 'kind',
      width: 96,
      render: (k: CalendarEntryKind) => <Tag color={kindColor[k]}>{t(`calendar.kind.${k}`)}</Tag>,
    },
    {
      key: 'range',
      title: t('calendar.dates'),
      render: (_: unknown, e: CalendarEntry) => <span style={{ whiteSpace: 'nowrap' }}>{dateRange(e)}</span>,
    },
    { key: 'name', title: t('calendar.name'), dataIndex: 'name' },
    {
      key: 'source',
      title: t('settings.source'),
      render: (_: unknown, e: CalendarEntry) => (
        <SettingSourceTag
          source={{ own: e.own, inheritedFrom: e.own ? null : { id: e.regionId, name: e.regionName } }}
        />
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 80,
      render: (_: unknown, e: CalendarEntry) => (
        <Button
          hidden={!e.own || !data?.canEdit}
          type="link"
          size="small"
          danger
          aria-label={`${t('calendar.delete')} ${e.name}`}
          onClick={() => confirmDelete(e)}
        >
          {t('calendar.delete')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={
        data
          ? `${t('calendar.entries')} · ${t('settings.regionOf', { region: data.regionName })}`
          : t('calendar.entries')
      }
      extra={
        <Button
          hidden={!data?.canEdit}
          type="primary"
          size="small"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
        >
          {t('calendar.addEntry')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('calendar.entriesHint')}
      </Typography.Paragraph>
      <Table<CalendarEntry>
        rowKey="id"
        size={mobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={entries}
        loading={fetching}
        pagination={entries.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('calendar.noEntries') }}
      />
      {/* Mounted while open: each opening starts with a fresh form and no previous error. */}
      {adding && (
        <CalendarEntryModal
          open
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            void message.success(t('common.saved'));
          }}
        />
      )}
    </Card>
  );
}
