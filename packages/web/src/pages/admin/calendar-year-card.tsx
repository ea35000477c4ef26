import { useMemo } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { ApiError, errorMessage } from '../../api/client.ts';
import { fieldErrors } from '../project/server-field-errors.ts';
import { useAddCalendarYear, type CalendarDto } from '../../api/admin-schedule-queries.ts';
import { useT } from '../../i18n/index.tsx';
import { parseDateList } from './calendar-dates.ts';

type YearValues = { holidays?: string; workdays?: string };

/** 工作日历 › 添加下一年: its holidays and 调休 workdays, pasted as dates; the top region's admin only. */
export function CalendarYearCard({ data }: { data: CalendarDto | undefined }) {
  const t = useT();
  const { message } = App.useApp();
  const addYear = useAddCalendarYear();
  const [yearForm] = Form.useForm<YearValues>();
  const holidaysText = Form.useWatch('holidays', yearForm) ?? '';
  const workdaysText = Form.useWatch('workdays', yearForm) ?? '';
  const holidays = useMemo(() => parseDateList(holidaysText), [holidaysText]);
  const workdays = useMemo(() => parseDateList(workdaysText), [workdaysText]);
  const nextYear = data ? data.lastYear + 1 : null;

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

  return (
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
  );
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
