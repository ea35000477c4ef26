import { useMemo } from 'react';
import { Alert, Card, Flex, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/client.ts';
import { useCalendar } from '../../api/admin-schedule-queries.ts';
import { useT } from '../../i18n/index.tsx';
import { CalendarEntriesCard } from './calendar-entries-card.tsx';
import { CalendarYearCard } from './calendar-year-card.tsx';

/**
 * 系统管理 › 工作日历: covered years, admin entries (停工期, extra holidays/workdays), the next year.
 * Per region (issue 7): the admin sees his region's entries and those inherited from above, and
 * adds and deletes his region's own; only the top region's admin adds a year.
 * Parts: calendar-entries-card.tsx (+ calendar-entry-modal.tsx), calendar-year-card.tsx.
 */
export function CalendarPage() {
  const t = useT();
  const calendar = useCalendar();
  const data = calendar.data;
  const years = useMemo(() => {
    if (!data) return [];
    const out: { year: number; builtIn: boolean }[] = [];
    for (let y = data.firstYear; y <= data.lastYear; y++)
      out.push({ year: y, builtIn: data.builtInYears.includes(y) });
    return out;
  }, [data]);

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

      <CalendarEntriesCard data={data} fetching={calendar.isFetching} />
      <CalendarYearCard data={data} />
    </Flex>
  );
}
