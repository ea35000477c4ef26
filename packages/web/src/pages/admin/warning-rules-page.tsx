import { Flex, Typography } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { WarningRulesCard } from './warning-rules-card.tsx';

/** 系统管理 › 预警规则: the stage-warning thresholds, on a page of their own (they were hidden under 工序模板). */
export function WarningRulesPage() {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('warningRules.title')}
      </Typography.Title>
      <WarningRulesCard />
    </Flex>
  );
}
