import type { calendarZhCN } from './calendar.zh-CN.ts';

export const calendarEnUS: Record<keyof typeof calendarZhCN, string> = {
  'calendar.years': 'Years covered',
  'calendar.coverage': 'The calendar covers {first}–{last}; schedules may only use dates in these years.',
  'calendar.builtIn': 'built-in',
  'calendar.custom': 'added by an admin',
  'calendar.builtInHint':
    "Built-in years take the statutory holidays and make-up workdays from the State Council's yearly notice (chinese-days); add a later year below once it is announced.",
  'calendar.entries': 'Calendar entries',
  'calendar.entriesHint':
    'Stop periods (e.g. winter shutdown) and extra holidays or make-up workdays apply to every schedule.',
  'calendar.noEntries': 'No entries',
  'calendar.addEntry': 'Add entry',
  'calendar.kind': 'Kind',
  'calendar.kind.holiday': 'Holiday',
  'calendar.kind.workday': 'Make-up workday',
  'calendar.kind.stop': 'Stop period',
  'calendar.dates': 'Dates',
  'calendar.from': 'From',
  'calendar.to': 'To',
  'calendar.toBeforeFrom': 'The end date cannot be before the start date',
  'calendar.name': 'Name',
  'calendar.namePlaceholder': 'e.g. Winter shutdown',
  'calendar.nameHint': 'Stop periods are not working days; make-up workdays count even on weekends.',
  'calendar.delete': 'Delete',
  'calendar.deleteConfirm':
    'Delete “{name}” ({range})? Existing schedules are recomputed on the new calendar.',
  'calendar.deleted': 'Deleted',
  'calendar.addYear': 'Add year',
  'calendar.addYearTitle': 'Add year {year}',
  'calendar.addYearHint':
    "The next year the built-in data does not cover, from the State Council's notice. One date (YYYY-MM-DD) per line or comma-separated; write a run as “from~to”.",
  'calendar.year': 'Year',
  'calendar.holidays': 'Holiday dates',
  'calendar.holidaysRequired': 'Enter the holiday dates',
  'calendar.holidaysPlaceholder': '{year}-01-01\n{year}-10-01~{year}-10-07',
  'calendar.workdays': 'Make-up workdays (weekends)',
  'calendar.workdaysPlaceholder': '{year}-09-26, {year}-10-09',
  'calendar.parsed': '{n} days',
  'calendar.invalidDates': 'Not dates: {dates}',
  'calendar.notInYear': 'Not in {year}: {dates}',
  'calendar.yearAdded': '{year} added',
};
