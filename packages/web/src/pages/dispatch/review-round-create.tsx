import { useState } from 'react';
import { App, Checkbox, DatePicker, Flex, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { defaultDeadline } from '@guatu/domain/dispatch/month';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCreateRound } from '../../api/dispatch-queries.ts';
import { useT } from '../../i18n/index.tsx';

/**
 * 发起调度: the admin opens the round of a month — the deadline defaults to the month's 25th (the
 * server's default when none is given), reserve projects optional; the new round's table opens.
 */
export function ReviewRoundCreate(props: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateRound();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [includeReserve, setIncludeReserve] = useState(false);
  const monthText = month.format('YYYY-MM');
  const suggested = defaultDeadline(monthText);

  const submit = () =>
    create.mutate(
      { month: monthText, deadline: deadline?.format('YYYY-MM-DD'), includeReserve },
      {
        onSuccess: (round) => {
          void message.success(t('dispatchReview.rounds.created', { month: monthText }));
          props.onClose();
          void navigate(`/dispatch/rounds/${round.id}`);
        },
        onError: (e) => void message.error(errorMessage(e, t), 6),
      },
    );

  return (
    <Modal
      open={props.open}
      title={t('dispatchReview.rounds.create')}
      okText={t('dispatchReview.rounds.createOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending }}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('dispatch.rounds.month')} required>
          <DatePicker
            picker="month"
            value={month}
            allowClear={false}
            onChange={(v) => {
              if (v) setMonth(v.startOf('month'));
              setDeadline(null);
            }}
            style={{ width: '100%' }}
            aria-label={t('dispatch.rounds.month')}
          />
        </Form.Item>
        <Form.Item
          label={t('dispatch.rounds.deadline')}
          extra={t('dispatchReview.rounds.deadlineHint', { date: suggested })}
        >
          <DatePicker
            value={deadline ?? dayjs(suggested)}
            onChange={(v) => setDeadline(v)}
            disabledDate={(d) => d.format('YYYY-MM') < monthText}
            style={{ width: '100%' }}
            aria-label={t('dispatch.rounds.deadline')}
          />
        </Form.Item>
        <Flex vertical gap={4}>
          <Checkbox checked={includeReserve} onChange={(e) => setIncludeReserve(e.target.checked)}>
            {t('dispatchReview.rounds.includeReserve')}
          </Checkbox>
          <Typography.Text type="secondary">{t('dispatchReview.rounds.scopeHint')}</Typography.Text>
        </Flex>
      </Form>
    </Modal>
  );
}
