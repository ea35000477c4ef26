import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';

/** The password reaches its maximum age within 7 days: say when, offer the change. */
export function PasswordExpiryNotice({ onChange }: { onChange: () => void }) {
  const { t } = useI18n();
  const { state } = useSession();
  if (state.status !== 'authenticated') return null;
  const { passwordExpiresSoon, passwordExpiresAt } = state.session;
  if (!passwordExpiresSoon || !passwordExpiresAt) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      title={t('passwordExpiry.soon', { date: dayjs(passwordExpiresAt).format('YYYY-MM-DD HH:mm') })}
      action={
        <Button size="small" onClick={onChange}>
          {t('passwordExpiry.change')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
