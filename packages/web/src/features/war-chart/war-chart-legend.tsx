import { useEffect, useRef } from 'react';
import { Flex } from 'antd';
import { cellFlag, cellStatus, cellWarning, encodeCell } from '@guatu/contracts';
import { paintCell } from './war-chart-paint.ts';
import type { LegendItem } from './war-chart-export.ts';
import type { Translate } from '../../i18n/index.tsx';

const { not_started, in_progress, done, late, not_applicable } = cellStatus;

/** The legend's cells, encoded with the contract's cell codec. */
export function legendItems(t: Translate): LegendItem[] {
  const item = (
    status: number,
    warning: number,
    flag: number,
    label: string,
    milestone = false,
  ): LegendItem => ({
    code: encodeCell(status, warning, flag),
    label,
    milestone,
  });
  return [
    item(done, cellWarning.none, cellFlag.none, t('warChart.status.done')),
    item(in_progress, cellWarning.none, cellFlag.none, t('warChart.status.in_progress')),
    item(not_started, cellWarning.none, cellFlag.none, t('warChart.status.not_started')),
    item(late, cellWarning.none, cellFlag.none, t('warChart.status.late')),
    item(not_applicable, cellWarning.none, cellFlag.none, t('warChart.status.not_applicable')),
    item(not_started, cellWarning.yellow, cellFlag.none, t('warChart.warning.yellow')),
    item(not_started, cellWarning.red, cellFlag.none, t('warChart.warning.red')),
    item(done, cellWarning.none, cellFlag.red, t('warChart.flag.red'), true),
    item(done, cellWarning.none, cellFlag.black, t('warChart.flag.black')),
  ];
}

function Swatch({ code, milestone }: { code: number; milestone?: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  // drawn at the next frame, not among the effects that run before the grid's first paint
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const c = ref.current;
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return;
      const dpr = window.devicePixelRatio || 1;
      c.width = 26 * dpr;
      c.height = 18 * dpr;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, 26, 18);
      paintCell(ctx, code, 0, 0, 26, 18, milestone);
    });
    return () => cancelAnimationFrame(frame);
  }, [code, milestone]);
  return <canvas ref={ref} style={{ width: 26, height: 18, display: 'block' }} aria-hidden />;
}

export function WarChartLegend({ t }: { t: Translate }) {
  return (
    <Flex wrap gap="4px 14px" align="center" style={{ fontSize: 12 }} aria-label={t('warChart.legend')}>
      {legendItems(t).map((item) => (
        <Flex key={item.code} gap={4} align="center">
          <Swatch code={item.code} milestone={item.milestone} />
          <span>{item.label}</span>
        </Flex>
      ))}
    </Flex>
  );
}
