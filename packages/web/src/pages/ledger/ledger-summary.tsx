import type { CSSProperties, ReactNode } from 'react';
import { Spin, Typography, theme } from 'antd';
import type { LedgerSummary } from '@guatu/contracts';
import { formatPercent, formatYi } from '../../format.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useT } from '../../i18n/index.tsx';
import './ledger-table.css';

/**
 * A small card's look (border, radius, padding) without antd's Card, whose chunk (with Tabs and
 * Skeleton) would weigh ≈ 13 kB gzip on the ledger's first load for six boxes.
 */
function useBox(): CSSProperties {
  const { token } = theme.useToken();
  return {
    background: token.colorBgContainer,
    border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
    borderRadius: token.borderRadiusLG,
    padding: token.paddingSM,
  };
}

function Figure({
  title,
  value,
  suffix,
  note,
}: {
  title: string;
  value: ReactNode;
  suffix?: string;
  note?: string;
}) {
  const mobile = useIsMobile();
  const box = useBox();
  const { token } = theme.useToken();
  // antd's Statistic's look (title, then the figure and its unit) without its chunk (≈ 2 kB gzip)
  return (
    <div style={{ ...box, height: '100%' }}>
      <div
        style={{ color: token.colorTextDescription, fontSize: token.fontSize, marginBottom: token.marginXXS }}
      >
        {title}
      </div>
      <div style={{ color: token.colorTextHeading, fontSize: mobile ? 20 : 24, lineHeight: 1.35 }}>
        {value}
        {suffix && <span style={{ marginInlineStart: 4 }}>{suffix}</span>}
      </div>
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </div>
  );
}

/** The figures the article quotes, for the year and filters of the ledger. */
export function LedgerSummaryBar({
  summary,
  loading,
}: {
  summary: LedgerSummary | undefined;
  loading: boolean;
}) {
  const t = useT();
  const box = useBox();
  if (!summary)
    return (
      <div style={{ ...box, marginBottom: 16, minHeight: 96, display: 'grid', placeItems: 'center' }}>
        <Spin spinning={loading} />
      </div>
    );
  const s = summary;
  return (
    // six boxes in a grid (.ledger-summary): six in a row on a wide screen, two on a phone
    <div className="ledger-summary" data-testid="ledger-summary">
      <Figure
        title={t('ledger.summary.projects')}
        value={s.projects}
        suffix={t('ledger.summary.projectsUnit')}
        note={t('ledger.summary.byLevel', s.byLevel)}
      />
      <Figure
        title={t('ledger.summary.totalInvestment')}
        value={formatYi(s.totalInvestment)}
        suffix={t('common.yi')}
      />
      <Figure title={t('ledger.summary.annualPlan')} value={formatYi(s.annualPlan)} suffix={t('common.yi')} />
      <Figure title={t('ledger.summary.categories')} value={`${s.implementation} / ${s.reserve}`} />
      <Figure
        title={t('ledger.summary.started')}
        value={s.started}
        suffix={t('ledger.summary.projectsUnit')}
        note={t('ledger.summary.notStarted', { n: s.notStarted })}
      />
      <Figure
        title={t('ledger.summary.startRate')}
        value={formatPercent(s.startRate)}
        note={t('ledger.summary.startRateNote')}
      />
    </div>
  );
}
