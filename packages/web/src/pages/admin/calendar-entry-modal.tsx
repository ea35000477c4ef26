import { DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAddCalendarEntry, type CalendarEntryKind } from '../../api/admin-schedule-queries.ts';
import { useT } from '../../i18n/index.tsx';
import { useIsMobile } from '../../components/use-mobile.ts';
import { SimpleFormModal } from './simple-form-modal.tsx';

type EntryValues = { kind: CalendarEntryKind; from: Dayjs; to: Dayjs; name: string };

/** 工作日历 › 添加: a 停工期, an extra holiday or workday of the admin's region, from … to, named. */
export function CalendarEntryModal({
  open,
  onClose,
  onAdded,
}: {
  open: boolean;
  onClose: () => void;
  onAdded: () => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const add = useAddCalendarEntry();
  const submit = (v: EntryValues) =>
    add.mutate(
      { kind: v.kind, from: v.from.format('YYYY-MM-DD'), to: v.to.format('YYYY-MM-DD'), name: v.name.trim() },
      { onSuccess: onAdded },
    );
  return (
    <SimpleFormModal<EntryValues>
      title={t('calendar.addEntry')}
      open={open}
      initial={{ kind: 'stop' }}
      pending={add.isPending}
      error={add.error}
      onSubmit={submit}
      onClose={onClose}
    >
      {(form) => (
        <>
          <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
            <Select
              options={(['stop', 'holiday', 'workday'] as const).map((k) => ({
                value: k,
                label: t(`calendar.kind.${k}`),
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
  );
}
