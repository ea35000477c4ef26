import type { Translate } from '../../i18n/index.tsx';
import type { WarChartModel } from './war-chart-model.ts';
import { FONT, contentSize, paint, paintCell, type Layout, type PaintLabels } from './war-chart-paint.ts';

// The wall chart (挂图) as a PNG: one printed page of A1 or A0 at 150 dpi, the whole width of the
// chart scaled to the paper, as many rows as fit; a large chart is cut into pages.

export const papers = {
  A1: { width: 3508, height: 4967 },
  A0: { width: 4967, height: 7016 },
} as const;
export type Paper = keyof typeof papers;

// English stage headers wrap at spaces: wider columns, as on the screen.
const printLayoutFor = (latin: boolean): Layout => ({
  nameW: 320,
  cellW: latin ? 72 : 52,
  rowH: 24,
  bandH: 22,
  headH: 80,
});
const TITLE_H = 76;
const FOOT_H = 24;
const MARGIN = 24;

export function pagination(m: WarChartModel, paper: Paper, latin = false) {
  const printLayout = printLayoutFor(latin);
  const p = papers[paper];
  const base = contentSize(m, printLayout).width + 2 * MARGIN;
  const scale = p.width / base;
  const rowsPerPage = Math.max(
    1,
    Math.floor((p.height / scale - TITLE_H - FOOT_H - printLayout.headH - 2 * MARGIN) / printLayout.rowH),
  );
  return { scale, rowsPerPage, pages: Math.max(1, Math.ceil(m.rows.length / rowsPerPage)) };
}

/** A legend swatch: a cell code, drawn as a milestone's cell when `milestone` (its red flag shows). */
export type LegendItem = { code: number; label: string; milestone?: boolean };

export function renderPage(
  m: WarChartModel,
  paper: Paper,
  page: number,
  text: { title: string; footer: string; legend: LegendItem[] },
  labels: PaintLabels,
  latin = false,
): HTMLCanvasElement {
  const printLayout = printLayoutFor(latin);
  const size = papers[paper];
  const { scale, rowsPerPage } = pagination(m, paper, latin);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('canvas 2d unavailable');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.scale(scale, scale);
  const chartW = contentSize(m, printLayout).width;

  // title and legend
  ctx.fillStyle = '#262626';
  ctx.textBaseline = 'middle';
  ctx.font = `600 22px ${FONT.replace(/^12px /, '')}`;
  ctx.fillText(text.title, MARGIN, MARGIN + 14);
  ctx.font = FONT;
  let x = MARGIN;
  const ly = MARGIN + 38;
  for (const item of text.legend) {
    paintCell(ctx, item.code, x, ly, 28, 20, item.milestone);
    ctx.fillStyle = '#262626';
    ctx.fillText(item.label, x + 32, ly + 10);
    x += 40 + ctx.measureText(item.label).width;
  }

  // one page of rows
  const y0 = page * rowsPerPage * printLayout.rowH;
  const rows = Math.min(rowsPerPage, m.rows.length - page * rowsPerPage);
  const height = printLayout.headH + rows * printLayout.rowH;
  ctx.save();
  ctx.translate(MARGIN, MARGIN + TITLE_H);
  ctx.beginPath();
  ctx.rect(0, 0, chartW, height);
  ctx.clip();
  paint(ctx, m, printLayout, { x: 0, y: y0, width: chartW, height }, labels);
  ctx.restore();
  ctx.strokeStyle = '#bfbfbf';
  ctx.lineWidth = 1;
  ctx.strokeRect(MARGIN, MARGIN + TITLE_H, chartW, height);

  ctx.fillStyle = '#8c8c8c';
  ctx.font = FONT;
  ctx.fillText(text.footer, MARGIN, size.height / scale - MARGIN - FOOT_H / 2);
  return canvas;
}

export function downloadCanvas(canvas: HTMLCanvasElement, filename: string): Promise<void> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new Error('PNG encoding failed'));
        return;
      }
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      resolve();
    }, 'image/png');
  });
}

/**
 * The printed chart's title, as an office titles it: the jurisdiction (the root of the user's
 * scope) and the as-of date, e.g. 乐陵市2023年重点项目挂图作战图（项目级别，截至2023年4月13日）.
 */
export function printTitle(
  t: Translate,
  p: { jurisdiction: string; year: number; grouping: string; asOf: string },
): string {
  const [y, m, d] = p.asOf.split('-');
  return t('exports.warChartPrintTitle', {
    jurisdiction: p.jurisdiction,
    year: p.year,
    grouping: p.grouping,
    date: p.asOf,
    y: y ?? '',
    m: Number(m),
    d: Number(d),
  });
}
