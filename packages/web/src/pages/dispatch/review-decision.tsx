import { useState } from 'react';
import { App, Button, Flex, Input, Modal, Popconfirm, Typography } from 'antd';
import type { DispatchReport } from '@guatu/contracts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useReviewReport } from '../../api/dispatch-queries.ts';
import { useT } from '../../i18n/index.tsx';

/**
 * The round admin's 通过 / 退回 of a submitted report, on the version he read. A stale version or a
 * report decided meanwhile (409) says so and reads the report and the table again.
 */
export function ReviewDecision(props: { roundId: number; projectName: string; report: DispatchReport }) {
  const t = useT();
  const { message } = App.useApp();
  const review = useReviewReport(props.roundId);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { report } = props;

  const fail = (e: unknown) => {
    const stale = e instanceof ApiError && e.status === 409;
    void message.error(
      stale ? `${errorMessage(e, t)} ${t('dispatchReview.decision.reloaded')}` : errorMessage(e, t),
      6,
    );
  };
  const accept = () =>
    review.mutate(
      { projectId: report.projectId, decision: 'accept', version: report.version },
      { onSuccess: () => void message.success(t('dispatchReview.decision.accepted')), onError: fail },
    );
  const sendReturn = () => {
    setTouched(true);
    if (!reason.trim()) return;
    review.mutate(
      { projectId: report.projectId, decision: 'return', version: report.version, reason: reason.trim() },
      {
        onSuccess: () => {
          setReturning(false);
          setReason('');
          setTouched(false);
          void message.success(t('dispatchReview.decision.returned'));
        },
        onError: (e) => {
          setReturning(false);
          fail(e);
        },
      },
    );
  };
  const missing = touched && !reason.trim();

  return (
    <Flex gap={8} justify="end">
      <Button danger onClick={() => setReturning(true)} disabled={review.isPending}>
        {t('dispatchReview.decision.return')}
      </Button>
      <Popconfirm
        title={t('dispatchReview.decision.acceptConfirm', { name: props.projectName })}
        okText={t('dispatchReview.decision.accept')}
        cancelText={t('common.cancel')}
        onConfirm={accept}
      >
        <Button type="primary" loading={review.isPending && review.variables?.decision === 'accept'}>
          {t('dispatchReview.decision.accept')}
        </Button>
      </Popconfirm>
      <Modal
        open={returning}
        title={t('dispatchReview.decision.returnTitle', { name: props.projectName })}
        okText={t('dispatchReview.decision.return')}
        okButtonProps={{ danger: true, loading: review.isPending }}
        cancelText={t('common.cancel')}
        onOk={sendReturn}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('dispatchReview.decision.returnHint')}
        </Typography.Paragraph>
        <Input.TextArea
          aria-label={t('dispatchReview.decision.reason')}
          placeholder={t('dispatchReview.decision.reasonPlaceholder')}
          value={reason}
          maxLength={500}
          showCount
          autoSize={{ minRows: 3, maxRows: 8 }}
          status={missing ? 'error' : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {missing ? (
          <Typography.Text type="danger">{t('dispatchReview.decision.reasonRequired')}</Typography.Text>
        ) : null}
      </Modal>
    </Flex>
  );
}
