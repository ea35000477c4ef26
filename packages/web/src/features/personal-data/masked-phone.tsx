import { useState } from 'react';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';

/**
 * A phone as the API gives it (masked, 138****1234), with a 查看 (eye) button for those the server
 * lets read it whole: the click fetches the number (an audited view, said in the tooltip) and
 * shows it until hidden again. Nothing is kept after the component goes away.
 */
export function MaskedPhone({
  masked,
  allowed,
  fetchPlain,
}: {
  masked: string | null;
  allowed: boolean;
  fetchPlain: () => Promise<string | null>;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [plain, setPlain] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!masked) return <>—</>;
  const show = async () => {
    setLoading(true);
    try {
      setPlain((await fetchPlain()) ?? '');
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space size={4} wrap={false}>
      <Typography.Text copyable={plain ? { text: plain } : false} style={{ whiteSpace: 'nowrap' }}>
        {plain ?? masked}
      </Typography.Text>
      {allowed &&
        (plain === null ? (
          <Tooltip title={t('personal.viewTooltip')}>
            <Button
              size="small"
              type="link"
              icon={<EyeOutlined />}
              loading={loading}
              onClick={() => void show()}
              aria-label={`${t('personal.view')} ${masked}`}
            >
              {t('personal.view')}
            </Button>
          </Tooltip>
        ) : (
          <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setPlain(null)}>
            {t('personal.hide')}
          </Button>
        ))}
    </Space>
  );
}
