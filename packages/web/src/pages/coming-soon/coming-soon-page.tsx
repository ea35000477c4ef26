import { Card, Result, Typography } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';

import type { ComingSoon } from './coming-soon-features.ts';

export function ComingSoonPage({ feature }: { feature: ComingSoon }) {
  const t = useT();
  return (
    <Card>
      <Result
        icon={<ToolOutlined />}
        title={`${t(feature.title)} · ${t('soon.title')}`}
        subTitle={t('soon.subtitle')}
        extra={
          <Typography.Paragraph style={{ maxWidth: 640, margin: '0 auto', textAlign: 'left' }}>
            {t(feature.text)}
          </Typography.Paragraph>
        }
      />
    </Card>
  );
}
