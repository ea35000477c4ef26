import { lazy, Suspense } from 'react';
import { Alert, Button, Flex, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useLedger, useLookups, useSummary, useYears } from '../../api/queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useT } from '../../i18n/index.tsx';
import { canCreateProject } from '../../permissions.ts';
import { useUser } from '../../session.tsx';
import { LedgerFilters } from './ledger-filters.tsx';
import { LedgerSummaryBar } from './ledger-summary.tsx';
import { LedgerTable } from './ledger-table.tsx';
import { ledgerQuery, summaryQuery, useLedgerParams } from './use-ledger-params.ts';
import { LedgerExcelButtons } from '../import/ledger-excel-buttons.tsx';
import { LedgerYearSelect } from './ledger-year-select.tsx';
import { LedgerAsOfPicker } from './ledger-as-of-picker.tsx';

/** The phone's cards: their own chunk, so that a desktop's ledger does not load them. */
const LedgerCards = lazy(async () => ({ default: (await import('./ledger-cards.tsx')).LedgerCards }));

export function LedgerPage() {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { params, update, reset } = useLedgerParams();
  const years = useYears();
  const lookups = useLookups();

  const year = params.year ?? years.data?.current ?? null;
  const ready = year !== null;
  const summary = useSummary(ready ? summaryQuery(year, params) : {}, ready);
  const ledger = useLedger(ready ? ledgerQuery(year, params) : {}, ready);
  const error = years.error ?? summary.error ?? ledger.error;

  const open = (id: number) => void navigate(`/projects/${id}`);

  return (
    <>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('ledger.title')}
        </Typography.Title>
        <LedgerYearSelect year={year} onChange={(y) => update({ year: y })} />
        <LedgerAsOfPicker asOf={params.asOf} onChange={(asOf) => update({ asOf })} />
        <div style={{ flex: 1 }} />
        <LedgerExcelButtons query={ready ? ledgerQuery(year, params) : null} year={year} />
        {canCreateProject(user) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/projects/new')}>
            {t('ledger.newProject')}
          </Button>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />}
      <LedgerSummaryBar summary={summary.data} loading={summary.isLoading} />
      <LedgerFilters
        params={params}
        lookups={lookups.data}
        onChange={update}
        onReset={reset}
        mobile={mobile}
      />
      {mobile ? (
        <Suspense fallback={<Spin style={{ display: 'block', margin: '24px auto' }} />}>
          <LedgerCards
            data={ledger.data}
            loading={ledger.isFetching}
            params={params}
            onOpen={open}
            onChange={update}
          />
        </Suspense>
      ) : (
        <LedgerTable
          data={ledger.data}
          loading={ledger.isFetching}
          params={params}
          onOpen={open}
          onChange={update}
        />
      )}
    </>
  );
}
