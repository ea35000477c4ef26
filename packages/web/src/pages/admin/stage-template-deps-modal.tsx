import { Button, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { StageDefDto } from '@guatu/contracts';
import { useT } from '../../i18n/index.tsx';
import { SimpleFormModal } from './simple-form-modal.tsx';

type Dep = StageDefDto['deps'][number];
type Values = { deps: Dep[] };

type Props = {
  stage: StageDefDto | null;
  stages: StageDefDto[];
  onSave: (deps: Dep[]) => void;
  onClose: () => void;
};

/** Edits the predecessors (紧前工序) of one stage: which stage, 完成后开始 or 开始后开始, and a lag in working days. */
export function StageTemplateDepsModal({ stage, stages, onSave, onClose }: Props) {
  const t = useT();
  const options = stages.filter((s) => s.key !== stage?.key).map((s) => ({ value: s.key, label: s.name }));
  return (
    <SimpleFormModal<Values>
      title={stage ? t('stageTemplate.depsTitle', { stage: stage.name }) : ''}
      open={stage !== null}
      initial={{ deps: stage?.deps ?? [] }}
      pending={false}
      error={null}
      onSubmit={(v) => {
        const seen = new Set<string>();
        const deps = (v.deps ?? [])
          .filter((d) => d && d.stage && !seen.has(d.stage) && seen.add(d.stage))
          .map((d) => ({ stage: d.stage, type: d.type, lag: d.lag ?? 0 }));
        onSave(deps);
      }}
      onClose={onClose}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('stageTemplate.depsHint')}
          </Typography.Paragraph>
          <Form.List name="deps">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="start" wrap={false}>
                    <Form.Item
                      name={[field.name, 'stage']}
                      rules={[{ required: true, message: t('stageTemplate.depStageRequired') }]}
                      style={{ flex: 1, minWidth: 0, marginBottom: 0 }}
                    >
                      <Select
                        options={options}
                        showSearch={{ optionFilterProp: 'label' }}
                        aria-label={t('stageTemplate.depStage')}
                        placeholder={t('stageTemplate.depStage')}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'type']} style={{ width: 132, marginBottom: 0 }}>
                      <Select
                        aria-label={t('stageTemplate.depType')}
                        options={[
                          { value: 'FS', label: t('newcomer.dep.FS') },
                          { value: 'SS', label: t('newcomer.dep.SS') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'lag']} style={{ width: 80, marginBottom: 0 }}>
                      <InputNumber
                        min={-365}
                        max={365}
                        precision={0}
                        aria-label={t('stageTemplate.depLag')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('stageTemplate.depRemove')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'FS', lag: 0 })}>
                  {t('stageTemplate.depAdd')}
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('stageTemplate.depLegend')}
                </Typography.Text>
              </Flex>
            )}
          </Form.List>
        </>
      )}
    </SimpleFormModal>
  );
}
