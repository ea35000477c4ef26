import { App, Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useUser } from '../../session.tsx';

/** The security administrator clears another user's second factor (a lost phone); audited as mfa_reset. */
export function ResetMfaButton({ userId }: { userId: number }) {
  const { t } = useI18n();
  const me = useUser();
  const { message, modal } = App.useApp();
  const reset = useMutation({
    mutationFn: () => api.post(`/users/${userId}/mfa/reset`),
    onSuccess: () => void message.success(t('mfa.reset.done')),
    onError: (e) => void message.error(errorMessage(e, t)),
  });
  if (!me.roles.includes('security_admin') || me.id === userId) return null;
  return (
    <Button
      type="link"
      size="small"
      loading={reset.isPending}
      onClick={() =>
        modal.confirm({
          title: t('mfa.reset.action'),
          content: t('mfa.reset.confirm'),
          onOk: () => reset.mutateAsync(),
        })
      }
    >
      {t('mfa.reset.action')}
    </Button>
  );
}
