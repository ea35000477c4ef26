import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useProject } from '../../api/queries.ts';
import { useUpdateSchedule } from '../../api/schedule-queries.ts';
import { useT } from '../../i18n/index.tsx';
import { canEditProject } from '../../permissions.ts';
import { useUser } from '../../session.tsx';

// The stages the ledger's 计划开工 and 计划竣工 stand for (the server's LEDGER_TARGET_STAGES).
const START = 'start';
const FINISH = 'operation';

type Values = { start: Dayjs; finish: Dayjs };

/** The schedule of a project without targets (schedule_no_targets): the two target dates, on the page itself. */
export function ScheduleTargetsForm({ projectId }: { projectId: number }) {
  const t = useT();
  const navigate = useNavigate();
  const user = useUser();
  const project = useProject(projectId);
  const update = useUpdateSchedule(projectId);
  const [error, setError] = useState<unknown>(null);
  const canEdit = project.data ? canEditProject(user, project.data) : false;

  const save = async (v: Values) => {
    setError(null);
    const targets = [
      { stage: START, finishBy: v.start.format('YYYY-MM-DD') },
      { stage: FINISH, finishBy: v.finish.format('YYYY-MM-DD') },
    ];
    try {
      // a project never planned has no plan row yet: version 1
      await update.mutateAsync({ targets, version: 1 });
    } catch (e) {
      const current = e instanceof ApiError && e.status === 409 ? currentVersion(e.details) : null;
      if (current === null) return setError(e);
      await update.mutateAsync({ targets, version: current }).catch(setError);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {project.data ? `${project.data.name} · ` : ''}
          {t('schedule.title')}
        </Typography.Title>
      </Flex>
      <Card size="small" title={t('newcomer.targets.title')} loading={project.isLoading}>
        <Typography.Paragraph type="secondary">{t('newcomer.targets.hint')}</Typography.Paragraph>
        {!canEdit ? (
          <Alert type="info" showIcon title={t('newcomer.targets.readOnly')} />
        ) : (
          <Form<Values> layout="inline" onFinish={(v) => void save(v)} style={{ rowGap: 12 }}>
            <Form.Item name="start" label={t('newcomer.targets.start')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item
              name="finish"
              label={t('newcomer.targets.finish')}
              dependencies={['start']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: async (_, value: Dayjs | null) => {
                    const start = getFieldValue('start') as Dayjs | null;
                    if (value && start && value.isBefore(start, 'day'))
                      throw new Error(t('newcomer.targets.order'));
                  },
                }),
              ]}
            >
              <DatePicker />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={update.isPending}>
                {t('newcomer.targets.save')}
              </Button>
            </Form.Item>
          </Form>
        )}
        {error !== null && (
          <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginTop: 12 }} />
        )}
      </Card>
    </Flex>
  );
}

/** The version a 409 says the plan row is at. */
function currentVersion(details: unknown): number | null {
  const v = (details as { currentVersion?: unknown } | undefined)?.currentVersion;
  return typeof v === 'number' ? v : null;
}
