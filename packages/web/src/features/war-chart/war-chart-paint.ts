import { cellStatus, cellStatusOf, cellWarning, cellWarningOf } from '@guatu/contracts';
import { drawnFlag } from './war-chart-flags.ts';
import { shortStageName, type WarChartModel } from './war-chart-model.ts';

// Draws the war chart on a 2D canvas: only the rows and columns inside the viewport.
// The same painter renders the screen (a viewport that follows the scroll position) and the
// wall-chart PNG (a viewport that is one printed page).

export type Layout = {
  nameW: number;
  cellW: number;
  rowH: number;
  bandH: number;
  headH: number;
};

/** Stage headers in a Latin script (en-US) wrap at spaces and need wider columns than two CJK characters. */
export function layoutFor(mobile: boolean, latin = false): Layout {
  const widen = latin ? 28 : 0;
  return mobile
    ? { nameW: 124, cellW: 44 + widen, rowH: 26, bandH: 22, headH: 22 + 56 }
    : { nameW: 210, cellW: 48 + widen, rowH: 24, bandH: 22, headH: 22 + 58 };
}

export const palette = {
  status: ['#eef0f3', '#4096ff', '#52c41a', '#ff7875', '#ffffff'] as const,
  statusText: ['#8c8c8c', '#ffffff', '#ffffff', '#ffffff', '#bfbfbf'] as const,
  warning: ['', '#95de64', '#fadb14', '#a8071a'] as const,
  flag: { red: '#f5222d', black: '#000000' } as const,
  band: {
    landing: '#e6f4ff',
    procedures: '#fff7e6',
    construction: '#f6ffed',
    completion: '#f9f0ff',
  } as Record<string, string>,
  groupRow: '#f0f5ff',
  grid: '#d9d9d9',
  text: '#262626',
  muted: '#8c8c8c',
  selected: '#1f5fbf',
  hover: 'rgba(31, 95, 191, 0.08)',
};

export type Viewport = { x: number; y: number; width: number; height: number };
export type Marks = { selected?: { row: number; col: number } | null; hoverRow?: number | null };
export type PaintLabels = {
  corner: string;
  band: (group: string) => string;
  /** A group row's title with its count, in the UI language: 省级重点项目（6） / Provincial key projects (6). */
  group?: (label: string, count: number) => string;
};

export const FONT =
  '12px system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const BOLD = `600 ${FONT}`;

/**
 * Draws a little text in the chart's fonts on a scratch canvas, so that the browser has resolved
 * them (the CJK fallback font) while the answer is still on its way, not during the first paint.
 */
export function warmUpPaint(): void {
  if (typeof document === 'undefined') return;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return;
  for (const font of [FONT, BOLD]) {
    ctx.font = font;
    ctx.measureText('项目名称（0）Project');
    ctx.fillText('省级重点项目 落地 手续', 0, 8);
  }
}

export function contentSize(m: WarChartModel, l: Layout) {
  return { width: l.nameW + m.stageCount * l.cellW, height: l.headH + m.rows.length * l.rowH };
}

/** Row/column under a point of the viewport (CSS pixels); col −1 is the name column, row −1 the header. */
export function hitTest(m: WarChartModel, l: Layout, v: Viewport, px: number, py: number) {
  const row = py < l.headH ? -1 : Math.floor((py - l.headH + v.y) / l.rowH);
  const col = px < l.nameW ? -1 : Math.floor((px - l.nameW + v.x) / l.cellW);
  if (row >= m.rows.length || col >= m.stageCount) return null;
  return { row, col };
}

function flag(ctx: CanvasRenderingContext2D, x: number, y: number, h: number, color: string) {
  const top = y + 4;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x + 3, top - 1, 3, h - 6);
  ctx.beginPath();
  ctx.moveTo(x + 5, top - 1);
  ctx.lineTo(x + 17, top + 4);
  ctx.lineTo(x + 5, top + 9);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = color;
  ctx.fillRect(x + 4, top, 1.5, h - 8);
  ctx.beginPath();
  ctx.moveTo(x + 5.5, top);
  ctx.lineTo(x + 15, top + 4);
  ctx.lineTo(x + 5.5, top + 8);
  ctx.closePath();
  ctx.fill();
}

function corner(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, color: string, edge: string) {
  const s = 11;
  ctx.beginPath();
  ctx.moveTo(x + w - s - 1, y);
  ctx.lineTo(x + w, y);
  ctx.lineTo(x + w, y + s + 1);
  ctx.closePath();
  ctx.fillStyle = edge;
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(x + w - s, y);
  ctx.lineTo(x + w, y);
  ctx.lineTo(x + w, y + s);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
}

/** Draws one cell whose top-left corner is (x, y); a milestone's on-time finish gets its red flag. */
export function paintCell(
  ctx: CanvasRenderingContext2D,
  code: number,
  x: number,
  y: number,
  w: number,
  h: number,
  milestone = false,
) {
  const status = cellStatusOf(code);
  const cx = x + 1;
  const cy = y + 1;
  const cw = w - 2;
  const ch = h - 2;
  ctx.fillStyle = palette.status[status] ?? palette.status[0];
  ctx.fillRect(cx, cy, cw, ch);
  if (status === cellStatus.not_applicable) {
    ctx.strokeStyle = palette.grid;
    ctx.lineWidth = 1;
    ctx.strokeRect(cx + 0.5, cy + 0.5, cw - 1, ch - 1);
    ctx.beginPath();
    ctx.moveTo(cx + 3, cy + ch - 3);
    ctx.lineTo(cx + cw - 3, cy + 3);
    ctx.stroke();
    return;
  }
  const warning = cellWarningOf(code);
  if (warning >= cellWarning.yellow)
    corner(ctx, cx, cy, cw, palette.warning[warning]!, warning === cellWarning.red ? '#ffffff' : '#874d00');
  const f = drawnFlag(code, milestone);
  if (f) flag(ctx, cx, cy, ch, palette.flag[f]);
}

/**
 * Wraps a header text into at most `maxLines` lines no wider than `width`: between words where the
 * text has spaces (English), else between characters (Chinese); a word wider than the column is cut
 * between characters; an ellipsis ends a text that does not fit.
 */
export function wrapHeader(
  s: string,
  width: number,
  maxLines: number,
  measure: (text: string) => number,
): string[] {
  const units = s.includes(' ') ? s.split(/\s+/).filter(Boolean) : [...s];
  const sep = s.includes(' ') ? ' ' : '';
  const lines: string[] = [];
  let line = '';
  const push = (text: string) => {
    lines.push(text);
    line = '';
  };
  for (const unit of units) {
    const candidate = line ? `${line}${sep}${unit}` : unit;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) push(line);
    if (measure(unit) <= width) line = unit;
    else
      for (const ch of unit) {
        if (line && measure(line + ch) > width) push(line);
        line += ch;
      }
  }
  if (line) push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    const last = [...kept[maxLines - 1]!];
    while (last.length > 1 && measure(`${last.join('')}…`) > width) last.pop();
    kept[maxLines - 1] = `${last.join('')}…`;
    return kept;
  }
  return lines;
}

/** The header font size (9–12 px) at which the widest Latin word of a name fits the column (Chinese stays 12). */
export function headerFontSize(name: string, width: number, measure: (text: string) => number): number {
  if (!/[A-Za-z]/.test(name)) return 12;
  const widest = Math.max(...name.split(/\s+/).map(measure));
  return widest <= width ? 12 : Math.max(9, Math.floor((12 * width) / widest));
}

export function paint(
  ctx: CanvasRenderingContext2D,
  m: WarChartModel,
  l: Layout,
  v: Viewport,
  labels: PaintLabels,
  marks: Marks = {},
) {
  const { nameW, cellW, rowH, headH, bandH } = l;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, v.width, v.height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';

  const firstRow = Math.max(0, Math.floor(v.y / rowH));
  const lastRow = Math.min(m.rows.length - 1, Math.floor((v.y + v.height - headH) / rowH));
  const firstCol = Math.max(0, Math.floor(v.x / cellW));
  const lastCol = Math.min(m.stageCount - 1, Math.floor((v.x + v.width - nameW) / cellW));
  const gridRight = Math.min(v.width, nameW + m.stageCount * cellW - v.x);

  // body
  for (let r = firstRow; r <= lastRow; r++) {
    const y = headH + r * rowH - v.y;
    const p = m.rows[r]!;
    if (p < 0) {
      ctx.fillStyle = palette.groupRow;
      ctx.fillRect(nameW, y, gridRight - nameW, rowH);
      continue;
    }
    if (marks.hoverRow === r) {
      ctx.fillStyle = palette.hover;
      ctx.fillRect(nameW, y, gridRight - nameW, rowH);
    }
    const base = p * m.stageCount;
    for (let c = firstCol; c <= lastCol; c++) {
      paintCell(ctx, m.cells[base + c]!, nameW + c * cellW - v.x, y, cellW, rowH, m.stages[c]?.milestone);
    }
  }

  // frozen name column
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, headH, nameW, v.height - headH);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, headH, nameW - 4, v.height - headH);
  ctx.clip();
  for (let r = firstRow; r <= lastRow; r++) {
    const y = headH + r * rowH - v.y;
    const p = m.rows[r]!;
    if (p < 0) {
      const g = m.groups[-p - 1];
      ctx.fillStyle = palette.groupRow;
      ctx.fillRect(0, y, nameW, rowH);
      ctx.font = BOLD;
      ctx.fillStyle = palette.text;
      const title = g ? (labels.group?.(g.label, g.count) ?? `${g.label}（${g.count}）`) : '';
      ctx.fillText(title, 8, y + rowH / 2 + 1);
      ctx.font = FONT;
      continue;
    }
    if (marks.hoverRow === r) {
      ctx.fillStyle = palette.hover;
      ctx.fillRect(0, y, nameW, rowH);
    }
    ctx.fillStyle = palette.text;
    ctx.fillText(m.nameOf(p), 8, y + rowH / 2 + 1);
  }
  ctx.restore();
  ctx.fillStyle = palette.grid;
  ctx.fillRect(nameW - 1, headH, 1, v.height - headH);

  // header: group bands and stage names
  ctx.fillStyle = '#fafafa';
  ctx.fillRect(0, 0, v.width, headH);
  ctx.save();
  ctx.beginPath();
  ctx.rect(nameW, 0, v.width - nameW, headH);
  ctx.clip();
  ctx.textAlign = 'center';
  for (const b of m.bands) {
    const x = nameW + b.first * cellW - v.x;
    const w = b.count * cellW;
    if (x + w < nameW || x > v.width) continue;
    ctx.fillStyle = palette.band[b.group] ?? '#fafafa';
    ctx.fillRect(x, 0, w, headH);
    ctx.fillStyle = palette.text;
    ctx.font = BOLD;
    // keep the band label visible while its band is partly scrolled away
    const left = Math.max(x, nameW);
    const right = Math.min(x + w, v.width);
    ctx.fillText(labels.band(b.group), (left + right) / 2, bandH / 2 + 1);
    ctx.fillStyle = palette.grid;
    ctx.fillRect(x + w - 1, 0, 1, headH);
  }
  ctx.font = FONT;
  const measure = (text: string) => ctx.measureText(text).width;
  for (let c = firstCol; c <= lastCol; c++) {
    const x = nameW + c * cellW - v.x;
    const name = shortStageName(m.stages[c]?.name ?? '');
    // an English word wider than the column gets a smaller font rather than a break inside it
    const size = headerFontSize(name, cellW - 6, measure);
    if (size !== 12) ctx.font = FONT.replace(/^12px/, `${size}px`);
    const lines = wrapHeader(name, cellW - 6, 4, measure);
    const lh = size + 1;
    const top = bandH + (headH - bandH - lines.length * lh) / 2 + lh / 2 + 1;
    ctx.fillStyle = palette.text;
    lines.forEach((line, i) => ctx.fillText(line, x + cellW / 2, top + i * lh));
    if (size !== 12) ctx.font = FONT;
    ctx.fillStyle = palette.grid;
    ctx.fillRect(x + cellW - 1, bandH, 1, headH - bandH);
  }
  ctx.fillStyle = palette.grid;
  ctx.fillRect(nameW, bandH, v.width - nameW, 1);
  ctx.restore();
  ctx.textAlign = 'left';

  // corner
  ctx.fillStyle = '#fafafa';
  ctx.fillRect(0, 0, nameW, headH);
  ctx.fillStyle = palette.text;
  ctx.font = BOLD;
  ctx.fillText(labels.corner, 8, headH / 2);
  ctx.font = FONT;
  ctx.fillStyle = palette.grid;
  ctx.fillRect(0, headH - 1, v.width, 1);
  ctx.fillRect(nameW - 1, 0, 1, headH);

  // the selected cell
  const s = marks.selected;
  if (s && s.row >= firstRow && s.row <= lastRow && s.col >= 0) {
    const x = nameW + s.col * cellW - v.x;
    const y = headH + s.row * rowH - v.y;
    if (x >= nameW - cellW && y >= headH - rowH) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(nameW, headH, v.width - nameW, v.height - headH);
      ctx.clip();
      ctx.strokeStyle = palette.selected;
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 1, y + 1, cellW - 2, rowH - 2);
      ctx.restore();
    }
  }
}
