import { Button, Card, Flex, Result, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { ImportCommitResult } from '@guatu/contracts';
import { useSummary } from '../../api/queries.ts';
import { useT } from '../../i18n/index.tsx';
import { LedgerSummaryBar } from '../ledger/ledger-summary.tsx';
import { CountTags } from './preview-step.tsx';

/** Step 4: what was written, and the ledger's figures for the year as they are now. */
export function DoneStep({ result, onAgain }: { result: ImportCommitResult; onAgain: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const summary = useSummary({ year: result.year }, true);
  const ledger = `/projects?year=${result.year}`;
  return (
    <Flex vertical gap={16}>
      <Card>
        <Result
          status="success"
          title={t('import.done.title')}
          subTitle={t('import.done.subtitle', {
            year: result.year,
            created: result.createdIds.length,
            updated: result.updatedIds.length,
          })}
          extra={[
            <Button type="primary" key="ledger" onClick={() => void navigate(ledger)}>
              {t('import.done.toLedger')}
            </Button>,
            <Button key="again" onClick={onAgain}>
              {t('import.done.again')}
            </Button>,
          ]}
        >
          <Flex justify="center">
            <CountTags counts={result.counts} />
          </Flex>
          {result.templateId !== null && (
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 12 }}>
              {t('import.done.templateSaved')}
            </Typography.Paragraph>
          )}
        </Result>
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('import.done.ledgerNow', { year: result.year })}
      </Typography.Title>
      <LedgerSummaryBar summary={summary.data} loading={summary.isLoading} />
    </Flex>
  );
}
