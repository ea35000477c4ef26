import { useState, type ReactNode } from 'react';
import { App as AntApp, Button, Tooltip, type ButtonProps } from 'antd';
import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { errorMessage, type Query } from '../../api/client.ts';
import { downloadFile } from '../../api/import-queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useT } from '../../i18n/index.tsx';
import { canImportLedger } from '../../permissions.ts';
import { useUser } from '../../session.tsx';

/**
 * The ledger toolbar's Excel buttons: 导出Excel (the ledger with its current filters and sort),
 * and, for the roles that may import (canImportLedger, the server's rule), 下载模板 and 导入台账.
 */
export function LedgerExcelButtons({ query, year }: { query: Query | null; year: number | null }) {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const mobile = useIsMobile();
  const [busy, setBusy] = useState<'export' | 'template' | null>(null);

  const download = (kind: 'export' | 'template') => {
    setBusy(kind);
    const done =
      kind === 'export'
        ? downloadFile('/projects/export', { ...query, page: undefined, pageSize: undefined })
        : downloadFile('/projects/export/template', { year: year ?? undefined });
    done
      .then((name) => message.success(t('ledger.downloaded', { file: name })))
      .catch((e: unknown) => message.error(errorMessage(e, t)))
      .finally(() => setBusy(null));
  };

  // On a phone the three buttons are icons (with their name as tooltip and label) to fit one line.
  const button = (label: string, icon: ReactNode, onClick: () => void, extra: ButtonProps = {}) => {
    const b = (
      <Button icon={icon} onClick={onClick} aria-label={mobile ? label : undefined} {...extra}>
        {mobile ? null : label}
      </Button>
    );
    return mobile ? <Tooltip title={label}>{b}</Tooltip> : b;
  };

  return (
    <>
      {button(t('ledger.exportExcel'), <FileExcelOutlined />, () => download('export'), {
        loading: busy === 'export',
        disabled: query === null,
      })}
      {canImportLedger(user) && (
        <>
          {button(t('ledger.downloadTemplate'), <DownloadOutlined />, () => download('template'), {
            loading: busy === 'template',
          })}
          {button(t('ledger.import'), <UploadOutlined />, () => void navigate('/projects/import'))}
        </>
      )}
    </>
  );
}
