import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError, errorMessage } from '../../api/client.ts';
import { fieldErrors } from '../project/server-field-errors.ts';
import {
  useAddCalendarEntry,
  useAddCalendarYear,
  useCalendar,
  useDeleteCalendarEntry,
  type CalendarEntry,
  type CalendarEntryKind,
} from '../../api/admin-schedule-queries.ts';
import { useT } from '../../i18n/index.tsx';
import { useIsMobile } from '../../components/use-mobile.ts';
import { SettingSourceTag } from './setting-source.tsx';
import { SimpleFormModal } from './simple-form-modal.tsx';
import { parseDateList } from './calendar-dates.ts';

type EntryValues = { kind: CalendarEntryKind; from: Dayjs; to: Dayjs; name: string };
type YearValues = { holidays?: string; workdays?: string };

const kindColor: Record<CalendarEntryKind, string> = { holiday: 'red', workday: 'blue', stop: 'orange' };

/**
 * 系统管理 › 工作日历: covered years, admin entries (停工期, extra holidays/workdays), the next year.
 * Per region (issue 7): the admin sees his region's entries and those inherited from above, and
 * adds and deletes his region's own; only the top region's admin adds a year.
 */
export function CalendarPage() {
  const t = useT();
  const mobile = useIsMobile();
  const { message, modal } = App.useApp();
  const calendar = useCalendar();
  const add = useAddCalendarEntry();
  const remove = useDeleteCalendarEntry();
  const addYear = useAddCalendarYear();
  const [adding, setAdding] = useState(false);
  const [yearForm] = Form.useForm<YearValues>();
  const holidaysText = Form.useWatch('holidays', yearForm) ?? '';
  const workdaysText = Form.useWatch('workdays', yearForm) ?? '';
  const holidays = useMemo(() => parseDateList(holidaysText), [holidaysText]);
  const workdays = useMemo(() => parseDateList(workdaysText), [workdaysText]);

  const data = calendar.data;
  const nextYear = data ? data.lastYear + 1 : null;
  const years = useMemo(() => {
    if (!data) return [];
    const out: { year: number; builtIn: boolean }[] = [];
    for (let y = data.firstYear; y <= data.lastYear; y++)
      out.push({ year: y, builtIn: data.builtInYears.includes(y) });
    return out;
  }, [data]);
  const entries = useMemo(
    () => [...(data?.entries ?? [])].sort((a, b) => a.from.localeCompare(b.from) || a.id - b.id),
    [data],
  );

  const kindLabel = (k: CalendarEntryKind) => t(`calendar.kind.${k}`);

  const submitEntry = (v: EntryValues) => {
    add.mutate(
      { kind: v.kind, from: v.from.format('YYYY-MM-DD'), to: v.to.format('YYYY-MM-DD'), name: v.name.trim() },
      {
        onSuccess: () => {
          setAdding(false);
          void message.success(t('common.saved'));
        },
      },
    );
  };

  const confirmDelete = (e: CalendarEntry) =>
    modal.confirm({
      title: t('calendar.delete'),
      content: t('calendar.deleteConfirm', { name: e.name, range: range(e) }),
      okButtonProps: { danger: true },
      onOk: () =>
        remove.mutateAsync(e.id).then(
          () => void message.success(t('calendar.deleted')),
          (err: unknown) => void message.error(errorMessage(err, t)),
        ),
    });

  const submitYear = (v: YearValues) => {
    if (nextYear === null) return;
    const h = parseDateList(v.holidays ?? '');
    const w = parseDateList(v.workdays ?? '');
    addYear.mutate(
      { year: nextYear, holidays: h.dates, workdays: w.dates },
      {
        onSuccess: () => {
          yearForm.resetFields();
          void message.success(t('calendar.yearAdded', { year: nextYear }));
        },
      },
    );
  };

  const noInvalid = (parsed: { invalid: string[] }) => ({
    validator: () =>
      parsed.invalid.length > 0
        ? Promise.reject(new Error(t('calendar.invalidDates', { dates: parsed.invalid.join('、') })))
        : Promise.resolve(),
  });
  const inYear = (parsed: { dates: string[] }) => ({
    validator: () => {
      const outside = parsed.dates.filter((d) => nextYear !== null && !d.startsWith(`${nextYear}-`));
      return outside.length > 0
        ? Promise.reject(
            new Error(t('calendar.notInYear', { dates: outside.join('、'), year: nextYear ?? '' })),
          )
        : Promise.resolve();
    },
  });

  const columns = [
    {
      key: 'kind',
      title: t('calendar.kind'),
      dataIndex: 'kind',
      width: 96,
      render: (k: CalendarEntryKind) => <Tag color={kindColor[k]}>{kindLabel(k)}</Tag>,
    },
    {
      key: 'range',
      title: t('calendar.dates'),
      render: (_: unknown, e: CalendarEntry) => <span style={{ whiteSpace: 'nowrap' }}>{range(e)}</span>,
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
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.calendar')}
      </Typography.Title>
      {calendar.error && <Alert type="error" showIcon title={errorMessage(calendar.error, t)} />}

      <Card size="small" title={t('calendar.years')} loading={calendar.isLoading}>
        {data && (
          <Flex vertical gap={8}>
            <Typography.Text>
              {t('calendar.coverage', { first: data.firstYear, last: data.lastYear })}
            </Typography.Text>
            <Flex wrap gap={6}>
              {years.map((y) => (
                <Tag key={y.year} color={y.builtIn ? 'blue' : 'green'} style={{ marginInlineEnd: 0 }}>
                  {y.year} · {y.builtIn ? t('calendar.builtIn') : t('calendar.custom')}
                </Tag>
              ))}
            </Flex>
            <Typography.Text type="secondary">{t('calendar.builtInHint')}</Typography.Text>
            <Typography.Text type="secondary">
              {t('settings.calendarHint', { region: data.regionName })}
            </Typography.Text>
          </Flex>
        )}
      </Card>

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
            onClick={() => {
              add.reset();
              setAdding(true);
            }}
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
          loading={calendar.isFetching}
          pagination={entries.length > 20 ? { pageSize: 20, size: 'small' } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('calendar.noEntries') }}
        />
      </Card>

      <Card
        size="small"
        title={nextYear ? t('calendar.addYearTitle', { year: nextYear }) : t('calendar.addYear')}
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('calendar.addYearHint')}
        </Typography.Paragraph>
        {addYear.error ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(addYear.error, t)}
            description={issueList(addYear.error)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {data && !data.canAddYear && (
          <Alert type="info" showIcon title={t('settings.yearsRootOnly')} style={{ marginBottom: 16 }} />
        )}
        <Form<YearValues>
          form={yearForm}
          layout="vertical"
          onFinish={submitYear}
          disabled={!data || !data.canAddYear}
        >
          <Form.Item label={t('calendar.year')}>
            <InputNumber value={nextYear ?? undefined} disabled style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="holidays"
            label={t('calendar.holidays')}
            extra={t('calendar.parsed', { n: holidays.dates.length })}
            rules={[
              { required: true, message: t('calendar.holidaysRequired') },
              noInvalid(holidays),
              inYear(holidays),
            ]}
          >
            <Input.TextArea
              rows={4}
              placeholder={t('calendar.holidaysPlaceholder', { year: nextYear ?? '' })}
            />
          </Form.Item>
          <Form.Item
            name="workdays"
            label={t('calendar.workdays')}
            extra={t('calendar.parsed', { n: workdays.dates.length })}
            rules={[noInvalid(workdays), inYear(workdays)]}
          >
            <Input.TextArea
              rows={2}
              placeholder={t('calendar.workdaysPlaceholder', { year: nextYear ?? '' })}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={addYear.isPending}>
              {t('calendar.addYear')}
            </Button>
          </Space>
        </Form>
      </Card>

      <SimpleFormModal<EntryValues>
        title={t('calendar.addEntry')}
        open={adding}
        initial={{ kind: 'stop' }}
        pending={add.isPending}
        error={add.error}
        onSubmit={submitEntry}
        onClose={() => setAdding(false)}
      >
        {(form) => (
          <>
            <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
              <Select
                options={(['stop', 'holiday', 'workday'] as const).map((k) => ({
                  value: k,
                  label: kindLabel(k),
                }))}
              />
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item
                name="from"
                label={t('calendar.from')}
                rules={[{ required: true }]}
                style={{ flex: '1 1 140px' }}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  inputReadOnly={mobile}
                  onChange={(d: Dayjs | null) => {
                    const to = form.getFieldValue('to') as Dayjs | undefined;
                    if (d && (!to || to.isBefore(d))) form.setFieldValue('to', d);
                  }}
                />
              </Form.Item>
              <Form.Item
                name="to"
                label={t('calendar.to')}
                dependencies={['from']}
                style={{ flex: '1 1 140px' }}
                rules={[
                  { required: true },
                  {
                    validator: (_, v: Dayjs | undefined) => {
                      const from = form.getFieldValue('from') as Dayjs | undefined;
                      return v && from && v.isBefore(from, 'day')
                        ? Promise.reject(new Error(t('calendar.toBeforeFrom')))
                        : Promise.resolve();
                    },
                  },
                ]}
              >
                <DatePicker style={{ width: '100%' }} inputReadOnly={mobile} />
              </Form.Item>
            </Flex>
            <Form.Item
              name="name"
              label={t('calendar.name')}
              rules={[{ required: true, whitespace: true }, { max: 50 }]}
              extra={t('calendar.nameHint')}
            >
              <Input maxLength={50} placeholder={t('calendar.namePlaceholder')} />
            </Form.Item>
          </>
        )}
      </SimpleFormModal>
    </Flex>
  );
}

function range(e: { from: string; to: string }): string {
  return e.from === e.to ? e.from : `${e.from} ~ ${e.to}`;
}

/** The server's per-field messages (e.g. “2027-02-15 不是周末，无需调休上班”), one a line. */
function issueList(error: unknown) {
  const issues =
    error instanceof ApiError ? fieldErrors(error.details).filter((i) => i.path[0] === 'body') : [];
  if (issues.length === 0) return undefined;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {issues.map((i, n) => (
        <li key={n}>{i.message}</li>
      ))}
    </ul>
  );
}
