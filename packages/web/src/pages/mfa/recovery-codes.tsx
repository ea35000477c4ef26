import { App, Alert, Button, Space, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.tsx';

/** The recovery codes, shown once: 下载 as a text file, 复制 to the clipboard. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const text = `${t('mfa.recovery.fileHeader')}\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'guatu-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  const copy = () =>
    void navigator.clipboard
      .writeText(text)
      .then(() => message.success(t('mfa.recovery.copied')))
      .catch(() => undefined);
  return (
    <div>
      <Alert type="warning" showIcon title={t('mfa.recovery.warning')} style={{ marginBottom: 16 }} />
      <ul
        aria-label={t('mfa.recovery.title')}
        data-testid="mfa-recovery-codes"
        style={{
          listStyle: 'none',
          padding: 12,
          margin: '0 0 16px',
          display: 'grid',
          gridTemplateColumns: 'repeat(2, 1fr)',
          gap: 8,
          background: 'rgba(0,0,0,0.03)',
          borderRadius: 6,
        }}
      >
        {codes.map((c) => (
          <li key={c}>
            <Typography.Text code style={{ fontSize: 15 }}>
              {c}
            </Typography.Text>
          </li>
        ))}
      </ul>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t('mfa.recovery.download')}
        </Button>
        <Button icon={<CopyOutlined />} onClick={copy}>
          {t('mfa.recovery.copy')}
        </Button>
        {onDone && (
          <Button type="primary" onClick={onDone}>
            {t('mfa.recovery.saved')}
          </Button>
        )}
      </Space>
    </div>
  );
}
