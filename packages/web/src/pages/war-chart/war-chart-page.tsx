import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, InputNumber, Modal, Select, Space, Spin, Typography } from 'antd';
import { FileExcelOutlined, PictureOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { warChartGroupings } from '@guatu/contracts';
import { errorMessage, toSearch, type Query } from '../../api/client.ts';
import { useLookups, useYears } from '../../api/queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useUser } from '../../session.tsx';
import { useI18n, useT } from '../../i18n/index.tsx';
import { LedgerFilters } from '../ledger/ledger-filters.tsx';
import { useLedgerParams } from '../ledger/use-ledger-params.ts';
import { WarChartGrid, type CellRef } from '../../features/war-chart/war-chart-grid.tsx';
import { WarChartLegend, legendItems } from '../../features/war-chart/war-chart-legend.tsx';
import { buildModel, type WarChartModel } from '../../features/war-chart/war-chart-model.ts';
import { warChartQueryOf, warChartQueryOptions } from '../../features/war-chart/war-chart-query.ts';
import type { WarChartData } from '../../features/war-chart/war-chart-decode.ts';
import { warmUpPaint, type PaintLabels } from '../../features/war-chart/war-chart-paint.ts';
import { CellTooltip, describeCell } from '../../features/war-chart/war-chart-tooltip.tsx';
import {
  downloadCanvas,
  pagination,
  papers,
  printTitle,
  renderPage,
  type Paper,
} from '../../features/war-chart/war-chart-export.ts';
import { LedgerYearSelect } from '../ledger/ledger-year-select.tsx';

type Grouping = (typeof warChartGroupings)[number];

/**
 * The chart's answer for the page's request (the one a click on 挂图作战 already started), read by
 * each part that shows it: when it arrives only those parts render again, not the page's header
 * and filters (issue 11: click → drawn).
 */
function useChart(query: Query, enabled: boolean) {
  return useQuery({ ...warChartQueryOptions(query), placeholderData: keepPreviousData, enabled });
}

/** The model of each answer, made once per language for the parts that read it. */
const models = new WeakMap<WarChartData, Map<string, WarChartModel>>();

function modelOf(data: WarChartData, language: string): WarChartModel {
  let byLanguage = models.get(data);
  if (!byLanguage) models.set(data, (byLanguage = new Map()));
  let m = byLanguage.get(language);
  if (!m) {
    m = buildModel(data, language);
    byLanguage.set(language, m);
    performance.mark('war-chart-model');
  }
  return m;
}

type Part = { query: Query; enabled: boolean };

/** 挂图作战: every project × its stages, coloured by status and warning; filters as on the ledger. */
export function WarChartPage() {
  const t = useT();
  const mobile = useIsMobile();
  const { params, update, reset } = useLedgerParams();
  const [search] = useSearchParams();
  const years = useYears();
  const lookups = useLookups();
  const groupParam = search.get('groupBy');
  const groupBy: Grouping = (warChartGroupings as readonly string[]).includes(groupParam ?? '')
    ? (groupParam as Grouping)
    : 'level';

  const year = params.year ?? years.data?.current ?? null;
  const query: Query = useMemo(
    () => warChartQueryOf(year, params.filters, groupBy),
    [year, params.filters, groupBy],
  );
  const enabled = year !== null;
  const [printing, setPrinting] = useState(false);
  // while the answer is on its way; at the next frame, not among the effects React runs before
  // the grid's first paint when the answer came first
  useEffect(() => {
    const frame = requestAnimationFrame(warmUpPaint);
    return () => cancelAnimationFrame(frame);
  }, []);

  const groupOptions = warChartGroupings.map((g) => ({ value: g, label: t(`warChart.groupBy.${g}`) }));

  return (
    <>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('warChart.title')}
        </Typography.Title>
        <LedgerYearSelect year={year} onChange={(y) => update({ year: y })} />
        <Select
          aria-label={t('warChart.grouping')}
          style={{ width: 140 }}
          value={groupBy}
          options={groupOptions}
          onChange={(g: Grouping) => update({ groupBy: g === 'level' ? null : g })}
        />
        <div style={{ flex: 1 }} />
        <ChartButtons query={query} enabled={enabled} onPrint={() => setPrinting(true)} />
      </Flex>
      <ChartError query={query} enabled={enabled} before={years.error} />
      <LedgerFilters
        params={params}
        lookups={lookups.data}
        onChange={update}
        onReset={reset}
        mobile={mobile}
      />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <WarChartLegend t={t} />
        <ChartSummary query={query} enabled={enabled} />
      </Flex>
      <ChartBody
        query={query}
        enabled={enabled}
        mobile={mobile}
        groupBy={groupBy}
        printing={printing}
        onPrinted={() => setPrinting(false)}
      />
    </>
  );
}

function ChartButtons({ query, enabled, onPrint }: Part & { onPrint: () => void }) {
  const t = useT();
  const { data } = useChart(query, enabled);
  return (
    <Space wrap>
      <Button
        icon={<FileExcelOutlined />}
        href={`/api/war-chart/export.xlsx${toSearch(query)}`}
        download
        disabled={!data}
      >
        {t('warChart.exportExcel')}
      </Button>
      <Button icon={<PictureOutlined />} onClick={onPrint} disabled={!data?.projects.ids.length}>
        {t('warChart.exportImage')}
      </Button>
    </Space>
  );
}

function ChartError({ query, enabled, before }: Part & { before: unknown }) {
  const t = useT();
  const chart = useChart(query, enabled);
  const error = before ?? chart.error;
  return error ? (
    <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 12 }} />
  ) : null;
}

function ChartSummary({ query, enabled }: Part) {
  const t = useT();
  const { data, isFetching } = useChart(query, enabled);
  return data ? (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('warChart.summary', { n: data.projects.ids.length, g: data.groups.length, today: data.today })}
      {isFetching && ' …'}
    </Typography.Text>
  ) : null;
}

function ChartBody({
  query,
  enabled,
  mobile,
  groupBy,
  printing,
  onPrinted,
}: Part & { mobile: boolean; groupBy: Grouping; printing: boolean; onPrinted: () => void }) {
  const { t, language } = useI18n();
  const latin = language === 'en-US';
  const navigate = useNavigate();
  const chart = useChart(query, enabled);
  const model = chart.data ? modelOf(chart.data, language) : null;
  // group labels (级别, 未指定) come worded in the request's language: ask again when it changes
  const { refetch } = chart;
  const askedIn = useRef(language);
  useEffect(() => {
    if (askedIn.current === language) return;
    askedIn.current = language;
    void refetch();
  }, [language, refetch]);

  const labels = useMemo(
    () => ({
      corner: model ? t('warChart.corner', { n: model.projectCount }) : t('warChart.title'),
      band: (g: string) => t(`stageGroup.${g}` as 'stageGroup.landing'),
      group: (label: string, n: number) => t('newcomer.warChart.group', { label, n }),
    }),
    [t, model],
  );
  const describe = useCallback((cell: CellRef) => (model ? describeCell(t, model, cell) : ''), [t, model]);
  const renderTooltip = useCallback(
    (cell: CellRef) => (model ? <CellTooltip t={t} model={model} cell={cell} /> : null),
    [t, model],
  );
  const open = useCallback(
    (cell: CellRef) => {
      const stage = model?.stages[cell.col]?.key;
      void navigate(
        `/projects/${cell.projectId}/schedule${stage ? `?stage=${encodeURIComponent(stage)}` : ''}`,
      );
    },
    [navigate, model],
  );

  return (
    <>
      {!model ? (
        <Spin spinning={chart.isLoading} style={{ display: 'block', margin: 48 }} />
      ) : model.projectCount === 0 ? (
        <Empty description={t('warChart.empty')} style={{ margin: 48 }} />
      ) : (
        <WarChartGrid
          model={model}
          mobile={mobile}
          labels={labels}
          height={mobile ? 'calc(100dvh - 190px)' : 'max(360px, calc(100vh - 300px))'}
          onOpen={open}
          describe={describe}
          renderTooltip={mobile ? undefined : renderTooltip}
          latin={latin}
        />
      )}
      {printing && model && (
        <PrintModal model={model} labels={labels} groupBy={groupBy} latin={latin} onClose={onPrinted} />
      )}
    </>
  );
}

function PrintModal({
  model,
  labels,
  groupBy,
  latin,
  onClose,
}: {
  model: WarChartModel;
  labels: PaintLabels;
  groupBy: Grouping;
  latin: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const user = useUser();
  const [paper, setPaper] = useState<Paper>('A1');
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState(false);
  const { rowsPerPage, pages } = pagination(model, paper, latin);
  const current = Math.min(page, pages);

  const run = () => {
    setBusy(true);
    // let the spinner show before the (synchronous) drawing
    setTimeout(() => {
      const title = printTitle(t, {
        jurisdiction: user.regionName,
        year: model.year,
        grouping: t(`warChart.groupBy.${groupBy}`),
        asOf: model.today,
      });
      const footer = t('warChart.printFooter', {
        page: current,
        pages,
        today: model.today,
        n: model.projectCount,
      });
      try {
        const canvas = renderPage(
          model,
          paper,
          current - 1,
          { title, footer, legend: legendItems(t) },
          labels,
          latin,
        );
        void downloadCanvas(canvas, `${t('warChart.title')}-${model.year}-${paper}-${current}.png`).then(
          () => {
            setBusy(false);
            onClose();
          },
          (e: unknown) => {
            setBusy(false);
            void message.error(errorMessage(e, t));
          },
        );
      } catch (e) {
        setBusy(false);
        void message.error(errorMessage(e, t));
      }
    }, 30);
  };

  return (
    <Modal
      open
      title={t('warChart.exportImage')}
      onCancel={onClose}
      onOk={run}
      okText={t('warChart.download')}
      confirmLoading={busy}
    >
      <Flex vertical gap={12}>
        <Space wrap>
          <span>{t('warChart.paper')}</span>
          <Select
            value={paper}
            style={{ width: 200 }}
            onChange={(p: Paper) => setPaper(p)}
            options={(Object.keys(papers) as Paper[]).map((p) => ({
              value: p,
              label: `${p} · ${papers[p].width}×${papers[p].height} px (150 dpi)`,
            }))}
          />
        </Space>
        <Space wrap>
          <span>{t('warChart.page')}</span>
          <InputNumber min={1} max={pages} value={current} onChange={(v) => setPage(v ?? 1)} />
          <span>/ {pages}</span>
        </Space>
        <Typography.Text type="secondary">
          {t('warChart.printHint', { rows: rowsPerPage, pages, n: model.projectCount })}
        </Typography.Text>
        {pages > 1 && <Alert type="info" showIcon title={t('warChart.printMany', { pages })} />}
      </Flex>
    </Modal>
  );
}
