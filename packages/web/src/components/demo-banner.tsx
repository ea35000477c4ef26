import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { PublicStatus } from '@guatu/contracts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

/** GET /api/status (public): whether demo accounts exist, and their password for a browser on this machine. */
export function useDemoStatus() {
  return useQuery({
    queryKey: ['status'],
    queryFn: () => api.get<PublicStatus>('/status'),
    staleTime: 60_000,
  });
}

/** The 演示环境 banner, on every page while demo accounts exist (and on the login page, with the hint). */
export function DemoBanner({ withHint = false }: { withHint?: boolean }) {
  const { t } = useI18n();
  const status = useDemoStatus();
  if (!status.data?.demo) return null;
  const hint = withHint ? status.data.demoPasswordHint : null;
  return (
    <Alert
      type="warning"
      banner
      showIcon
      role="status"
      title={`${t('accounts.demo.tag')} · ${t('accounts.demo.banner')}`}
      description={hint ? t('accounts.demo.passwordHint', { password: hint }) : undefined}
    />
  );
}
