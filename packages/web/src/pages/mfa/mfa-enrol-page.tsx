import { Alert, Button, Card, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { MfaEnrol } from './mfa-enrol.tsx';

/** An officer without a second factor: nothing else until it is set up (the API answers 403 otherwise). */
export function MfaEnrolPage() {
  const { t } = useI18n();
  const { refresh, logout } = useSession();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        justifyContent: 'center',
        padding: 16,
        background: '#f0f2f5',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch size="small" />
      </div>
      <Card
        title={t('mfa.enrol.title')}
        style={{ width: '100%', maxWidth: 520, marginTop: '6vh', alignSelf: 'flex-start' }}
        extra={
          <Button type="link" onClick={() => void logout()}>
            {t('header.logout')}
          </Button>
        }
      >
        <Alert type="info" showIcon title={t('mfa.enrol.required')} style={{ marginBottom: 16 }} />
        <MfaEnrol onDone={() => void refresh()} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('mfa.step.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
