import type { ReactNode } from 'react';
import { Alert, Button, Flex, Space, Typography, theme } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { StageDefDto } from '@guatu/contracts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { fieldErrors } from '../project/server-field-errors.ts';

type Props = {
  stages: StageDefDto[];
  error: unknown;
  dirty: boolean;
  canAdd: boolean;
  canSave: boolean;
  saving: boolean;
  /** 恢复继承, when the template is the region's own copy. */
  restore: ReactNode;
  onAdd: () => void;
  onRevert: () => void;
  onReload: () => void;
  onSave: () => void;
};

/** The bar stuck to the bottom of the template card: the save error, 添加工序, 撤销修改, 保存. */
export function StageTemplateSaveBar(p: Props) {
  const t = useT();
  const { token } = theme.useToken();
  const conflict = p.error instanceof ApiError && p.error.status === 409;

  /** The server's message, and its per-stage messages named by the stage they are about. */
  const issues = (error: unknown) => {
    const list =
      error instanceof ApiError ? fieldErrors(error.details).filter((i) => i.path[0] === 'body') : [];
    if (list.length === 0) return errorMessage(error, t);
    return (
      <Flex vertical>
        <span>{errorMessage(error, t)}</span>
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {list.map((i, n) => {
            const at = i.path.indexOf('stages');
            const index = at >= 0 ? Number(i.path[at + 1]) : NaN;
            const stage = Number.isInteger(index) ? p.stages[index] : undefined;
            return <li key={n}>{stage ? `${stage.name}：${i.message}` : i.message}</li>;
          })}
        </ul>
      </Flex>
    );
  };

  return (
    <Flex
      vertical
      gap={8}
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 3,
        padding: '8px 0',
        background: token.colorBgContainer,
      }}
    >
      {p.error ? (
        <Alert
          type={conflict ? 'warning' : 'error'}
          showIcon
          title={conflict ? t('form.conflictTitle') : t('stageTemplate.saveFailed')}
          description={conflict ? t('stageTemplate.conflict') : issues(p.error)}
          action={conflict ? <Button onClick={p.onReload}>{t('form.conflictReload')}</Button> : undefined}
        />
      ) : null}
      <Flex gap={8} wrap justify="space-between">
        <Button icon={<PlusOutlined />} onClick={p.onAdd} disabled={!p.canAdd}>
          {t('stageTemplate.add')}
        </Button>
        <Space wrap>
          {p.dirty && <Typography.Text type="warning">{t('stageTemplate.unsaved')}</Typography.Text>}
          {p.restore}
          <Button disabled={!p.dirty || p.saving} onClick={p.onRevert}>
            {t('stageTemplate.revert')}
          </Button>
          <Button type="primary" disabled={!p.dirty || !p.canSave} loading={p.saving} onClick={p.onSave}>
            {t('common.save')}
          </Button>
        </Space>
      </Flex>
    </Flex>
  );
}
