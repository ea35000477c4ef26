import { useEffect } from 'react';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WarningRulesDto } from '@guatu/contracts';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { templateList } from '../../api/admin-schedule-queries.ts';
import { useStageTemplates } from '../../api/schedule-queries.ts';
import { useT } from '../../i18n/index.tsx';
import { RestoreInheritanceButton, SettingSourceTag } from './setting-source.tsx';

type FormValues = {
  startStages: string[];
  yellowMonthsPast: number;
  redMonthsPast: number;
  yellowDaysPast: number;
  redDaysPast: number;
  negativeFloat: 'yellow' | 'red' | 'none';
};

const rulesKey = ['warning-rules'] as const;

function valuesOf(r: WarningRulesDto): FormValues {
  return {
    startStages: r.start.stages,
    yellowMonthsPast: r.start.yellowMonthsPast,
    redMonthsPast: r.start.redMonthsPast,
    yellowDaysPast: r.stage.yellowDaysPast,
    redDaysPast: r.stage.redDaysPast,
    negativeFloat:
      r.stage.negativeFloat === null ? 'none' : r.stage.negativeFloat === 'red' ? 'red' : 'yellow',
  };
}

/**
 * 系统管理 › 预警规则: the stage-warning thresholds of the admin's region (GET/PUT/DELETE
 * /api/warning-rules): its own, or inherited from the nearest region above that has its own.
 */
export function WarningRulesCard() {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const rules = useQuery({ queryKey: rulesKey, queryFn: () => api.get<WarningRulesDto>('/warning-rules') });
  const templates = useStageTemplates();
  const stages = templateList(templates.data).find((x) => x.key === 'industrial')?.stages ?? [];
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      api.put<WarningRulesDto>('/warning-rules', {
        start: {
          stages: v.startStages,
          yellowMonthsPast: v.yellowMonthsPast,
          redMonthsPast: v.redMonthsPast,
        },
        stage: {
          yellowDaysPast: v.yellowDaysPast,
          redDaysPast: v.redDaysPast,
          negativeFloat: v.negativeFloat === 'none' ? null : v.negativeFloat,
        },
        version: rules.data?.version ?? 1,
      }),
    onSuccess: (saved) => {
      client.setQueryData(rulesKey, saved);
      void client.invalidateQueries({ queryKey: ['schedule'] });
      void client.invalidateQueries({ queryKey: ['war-chart'] });
      message.success(t('common.saved'));
    },
  });
  const restore = useMutation({
    mutationFn: () => api.delete<WarningRulesDto>('/warning-rules'),
    onSuccess: (back) => {
      client.setQueryData(rulesKey, back);
      void client.invalidateQueries({ queryKey: ['schedule'] });
      void client.invalidateQueries({ queryKey: ['war-chart'] });
      message.success(t('settings.restored'));
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  useEffect(() => {
    if (rules.data) form.setFieldsValue(valuesOf(rules.data));
  }, [rules.data, form]);

  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const notAbove = (other: keyof FormValues) => ({
    validator: async (_: unknown, value: number | null) => {
      const max = form.getFieldValue(other) as number | null;
      if (value !== null && max !== null && value > max) throw new Error(t('warningRules.yellowAboveRed'));
    },
  });

  return (
    <Card
      size="small"
      title={t('warningRules.title')}
      loading={rules.isLoading}
      extra={rules.data ? <SettingSourceTag source={rules.data} /> : null}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('warningRules.hint')}</Typography.Text>
        {rules.data && !rules.data.own && rules.data.canEdit && (
          <Typography.Text type="secondary">
            {t('settings.ownCopyHint', { region: rules.data.regionName })}
          </Typography.Text>
        )}
        {rules.error && <Alert type="error" showIcon title={errorMessage(rules.error, t)} />}
        {save.error && (
          <Alert
            type="error"
            showIcon
            title={conflict ? t('warningRules.conflict') : errorMessage(save.error, t)}
            action={
              conflict ? (
                <Button
                  size="small"
                  onClick={() => {
                    save.reset();
                    void rules.refetch();
                  }}
                >
                  {t('common.reload')}
                </Button>
              ) : undefined
            }
          />
        )}
        <Form<FormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Typography.Text strong>{t('warningRules.start')}</Typography.Text>
          <Form.Item name="startStages" label={t('warningRules.startStages')}>
            <Select
              mode="multiple"
              options={stages.map((s) => ({ value: s.key, label: s.name }))}
              style={{ maxWidth: 480 }}
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="yellowMonthsPast"
              label={t('warningRules.yellowMonthsPast')}
              dependencies={['redMonthsPast']}
              rules={[{ required: true }, notAbove('redMonthsPast')]}
            >
              <InputNumber min={0} max={36} precision={0} />
            </Form.Item>
            <Form.Item
              name="redMonthsPast"
              label={t('warningRules.redMonthsPast')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={36} precision={0} />
            </Form.Item>
          </Flex>
          <Typography.Text strong>{t('warningRules.stage')}</Typography.Text>
          <Flex gap={12} wrap>
            <Form.Item
              name="yellowDaysPast"
              label={t('warningRules.yellowDaysPast')}
              dependencies={['redDaysPast']}
              rules={[{ required: true }, notAbove('redDaysPast')]}
            >
              <InputNumber min={0} max={365} precision={0} />
            </Form.Item>
            <Form.Item name="redDaysPast" label={t('warningRules.redDaysPast')} rules={[{ required: true }]}>
              <InputNumber min={0} max={365} precision={0} />
            </Form.Item>
            <Form.Item name="negativeFloat" label={t('warningRules.negativeFloat')}>
              <Select
                style={{ width: 160 }}
                options={[
                  { value: 'yellow', label: t('warningRules.level.yellow') },
                  { value: 'red', label: t('warningRules.level.red') },
                  { value: 'none', label: t('warningRules.level.none') },
                ]}
              />
            </Form.Item>
          </Flex>
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              disabled={!rules.data || !rules.data.canEdit}
            >
              {t('warningRules.save')}
            </Button>
            {rules.data && (
              <RestoreInheritanceButton
                source={rules.data}
                what="rules"
                pending={restore.isPending}
                onConfirm={() => restore.mutate()}
              />
            )}
          </Space>
        </Form>
      </Flex>
    </Card>
  );
}
