import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

/** A full-page 403/404/error; `error` supplies the server's message when there is one. */
export function ResultPage({ status, error }: { status?: '403' | '404' | 'error'; error?: unknown }) {
  const t = useT();
  const navigate = useNavigate();
  const s =
    status ??
    (error instanceof ApiError && error.status === 403
      ? '403'
      : error instanceof ApiError && error.status === 404
        ? '404'
        : 'error');
  const title = s === '403' ? t('common.forbidden') : s === '404' ? t('notFound.title') : t('error.title');
  const sub = error instanceof Error ? error.message : undefined;
  return (
    <Result
      status={s === 'error' ? 'error' : s}
      title={title}
      subTitle={sub}
      extra={<Button onClick={() => navigate(-1)}>{t('common.back')}</Button>}
    />
  );
}
