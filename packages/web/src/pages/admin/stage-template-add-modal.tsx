import { Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { StageDefDto } from '@guatu/contracts';
import { stageGroups } from '@guatu/domain/schedule/stage-types';
import { useT } from '../../i18n/index.tsx';
import { SimpleFormModal } from './simple-form-modal.tsx';
import type { NewStage } from './stage-template-draft.ts';

type Props = { open: boolean; stages: StageDefDto[]; onAdd: (v: NewStage) => void; onClose: () => void };

/** 添加工序: a name, a key the program keeps, a group and a duration; inserted before 投产运营. */
export function StageTemplateAddModal({ open, stages, onAdd, onClose }: Props) {
  const t = useT();
  return (
    <SimpleFormModal<NewStage>
      title={t('stageTemplate.add')}
      open={open}
      initial={{ group: 'procedures', duration: 10 }}
      pending={false}
      error={null}
      onSubmit={onAdd}
      onClose={onClose}
    >
      {() => (
        <>
          <Form.Item
            name="name"
            label={t('stageTemplate.name')}
            rules={[{ required: true, whitespace: true }, { max: 50 }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="key"
            label={t('stageTemplate.key')}
            extra={t('stageTemplate.keyHint')}
            rules={[
              { required: true },
              { pattern: /^[A-Za-z][A-Za-z0-9_-]{0,39}$/, message: t('stageTemplate.keyPattern') },
              {
                validator: (_, v: string | undefined) =>
                  v && stages.some((s) => s.key === v.trim())
                    ? Promise.reject(new Error(t('stageTemplate.keyTaken')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item
              name="group"
              label={t('schedule.group')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <Select options={stageGroups.map((g) => ({ value: g, label: t(`stageGroup.${g}`) }))} />
            </Form.Item>
            <Form.Item
              name="duration"
              label={t('schedule.duration')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <InputNumber min={0} max={2000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Typography.Text type="secondary">{t('stageTemplate.addHint')}</Typography.Text>
        </>
      )}
    </SimpleFormModal>
  );
}
