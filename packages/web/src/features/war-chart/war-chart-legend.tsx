import { useEffect, useRef } from 'react';
import { Flex } from 'antd';
import { paintCell } from './war-chart-paint.ts';
import type { LegendItem } from './war-chart-export.ts';
import type { Translate } from '../../i18n/index.tsx';

/** The legend's codes: status + 8 × warning + 32 × flag. */
export function legendItems(t: Translate): LegendItem[] {
  return [
    { code: 2, label: t('warChart.status.done') },
    { code: 1, label: t('warChart.status.in_progress') },
    { code: 0, label: t('warChart.status.not_started') },
    { code: 3, label: t('warChart.status.late') },
    { code: 4, label: t('warChart.status.not_applicable') },
    { code: 0 + 8 * 2, label: t('warChart.warning.yellow') },
    { code: 0 + 8 * 3, label: t('warChart.warning.red') },
    { code: 2 + 32 * 1, label: t('warChart.flag.red') },
    { code: 2 + 32 * 2, label: t('warChart.flag.black') },
  ];
}

function Swatch({ code }: { code: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = 26 * dpr;
    c.height = 18 * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, 26, 18);
    paintCell(ctx, code, 0, 0, 26, 18);
  }, [code]);
  return <canvas ref={ref} style={{ width: 26, height: 18, display: 'block' }} aria-hidden />;
}

export function WarChartLegend({ t }: { t: Translate }) {
  return (
    <Flex wrap gap="4px 14px" align="center" style={{ fontSize: 12 }} aria-label={t('warChart.legend')}>
      {legendItems(t).map((item) => (
        <Flex key={item.code} gap={4} align="center">
          <Swatch code={item.code} />
          <span>{item.label}</span>
        </Flex>
      ))}
    </Flex>
  );
}
