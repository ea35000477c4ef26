import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import {
  contentSize,
  hitTest,
  layoutFor,
  paint,
  type PaintLabels,
  type Viewport,
} from './war-chart-paint.ts';
import type { WarChartModel } from './war-chart-model.ts';

export type CellRef = { row: number; col: number; project: number; projectId: number; code: number };

type Props = {
  model: WarChartModel;
  mobile: boolean;
  labels: PaintLabels;
  height: CSSProperties['height'];
  /** A cell was clicked or chosen with Enter. */
  onOpen?: (cell: CellRef) => void;
  /** Describes a cell for the screen-reader summary. */
  describe: (cell: CellRef) => string;
  /** The hover card for a cell. */
  renderTooltip?: (cell: CellRef) => ReactNode;
  /** Called after every paint with its duration (ms): the benchmark listens. */
  onPaint?: (ms: number) => void;
  /** Stage headers in a Latin script (en-US): wider columns. */
  latin?: boolean;
};

const hidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

/**
 * The war chart grid on one <canvas>: a scroll container with a spacer of the full size, the
 * canvas stuck to its viewport, and a redraw per animation frame of only the visible cells.
 * Keyboard: arrows, Page Up/Down, Home/End move the selected cell; Enter opens it.
 */
export function WarChartGrid({
  model,
  mobile,
  labels,
  height,
  onOpen,
  describe,
  renderTooltip,
  onPaint,
  latin = false,
}: Props) {
  const layout = layoutFor(mobile, latin);
  const size = contentSize(model, layout);
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef(0);
  const [view, setView] = useState({ width: 0, height: 0 });
  const [hover, setHover] = useState<(CellRef & { x: number; y: number }) | null>(null);
  const [selected, setSelected] = useState<{ row: number; col: number } | null>(null);
  const marks = useRef({ selected, hoverRow: hover?.row ?? null });
  marks.current = { selected, hoverRow: hover?.row ?? null };
  const latest = useRef({ model, layout, labels, onPaint });
  latest.current = { model, layout, labels, onPaint };
  /** The model last drawn: its first paint is marked (war-chart-drawn) for the click benchmark. */
  const drawn = useRef<WarChartModel | null>(null);

  const viewport = useCallback((): Viewport => {
    const el = scroller.current;
    if (!el) return { x: 0, y: 0, width: 0, height: 0 };
    const full = contentSize(latest.current.model, latest.current.layout);
    return {
      x: el.scrollLeft,
      y: el.scrollTop,
      width: Math.min(el.clientWidth, full.width),
      height: Math.min(el.clientHeight, full.height),
    };
  }, []);

  const draw = useCallback(() => {
    frame.current = 0;
    const c = canvas.current;
    const ctx = c?.getContext('2d', { alpha: false });
    if (!c || !ctx) return;
    const t0 = performance.now();
    const v = viewport();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(v.width * dpr));
    const h = Math.max(1, Math.round(v.height * dpr));
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const { model: m, layout: l, labels: lb, onPaint: done } = latest.current;
    paint(ctx, m, l, v, lb, marks.current);
    if (drawn.current !== m && v.width > 0) {
      drawn.current = m;
      performance.mark('war-chart-drawn', { detail: { projects: m.projectCount } });
    }
    done?.(performance.now() - t0);
  }, [viewport]);

  const request = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // first paint synchronously, as soon as the scroller's size is known (the measure above sets it
  // and renders again before the browser paints: one paint, not one before and one after), later
  // ones per frame
  useLayoutEffect(() => {
    if (view.width > 0) draw();
  }, [draw, model, view, mobile, labels]);
  useEffect(() => request(), [request, selected, hover?.row]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const cellAt = (row: number, col: number): CellRef | null => {
    const p = model.rows[row];
    if (p === undefined || p < 0 || col < 0 || col >= model.stageCount) return null;
    return { row, col, project: p, projectId: model.ids[p]!, code: model.cells[p * model.stageCount + col]! };
  };

  const pointer = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const hit = hitTest(model, layout, viewport(), x, y);
    return { x, y, cell: hit ? cellAt(hit.row, hit.col) : null, hit };
  };

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const { x, y, cell } = pointer(e);
    if (!cell) {
      if (hover) setHover(null);
      return;
    }
    if (!hover || hover.row !== cell.row || hover.col !== cell.col) setHover({ ...cell, x, y });
  };

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const { cell, hit } = pointer(e);
    if (cell) {
      setSelected({ row: cell.row, col: cell.col });
      onOpen?.(cell);
    } else if (hit && hit.col === -1 && hit.row >= 0) {
      // the project name opens its first stage
      const first = cellAt(hit.row, 0);
      if (first) onOpen?.(first);
    }
  };

  const scrollIntoView = (row: number, col: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = row * layout.rowH;
    const bodyH = el.clientHeight - layout.headH;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + layout.rowH > el.scrollTop + bodyH) el.scrollTop = top + layout.rowH - bodyH;
    const left = col * layout.cellW;
    const bodyW = el.clientWidth - layout.nameW;
    if (left < el.scrollLeft) el.scrollLeft = left;
    else if (left + layout.cellW > el.scrollLeft + bodyW) el.scrollLeft = left + layout.cellW - bodyW;
  };

  const onKey = (e: React.KeyboardEvent) => {
    const rows = model.rows.length;
    if (rows === 0) return;
    const cur = selected ?? { row: -1, col: 0 };
    const page = Math.max(1, Math.floor((view.height - layout.headH) / layout.rowH) - 1);
    let { row, col } = cur;
    const step = (dir: number, n = 1) => {
      let r = row;
      let moved = 0;
      while (moved < n) {
        const next = r + dir;
        if (next < 0 || next >= rows) break;
        r = next;
        if (model.rows[r]! >= 0) {
          row = r;
          moved++;
        }
      }
    };
    switch (e.key) {
      case 'ArrowDown':
        step(1);
        break;
      case 'ArrowUp':
        step(-1);
        break;
      case 'PageDown':
        step(1, page);
        break;
      case 'PageUp':
        step(-1, page);
        break;
      case 'ArrowRight':
        col = Math.min(model.stageCount - 1, col + 1);
        if (row < 0) step(1);
        break;
      case 'ArrowLeft':
        col = Math.max(0, col - 1);
        if (row < 0) step(1);
        break;
      case 'Home':
        col = 0;
        break;
      case 'End':
        col = model.stageCount - 1;
        break;
      case 'Enter': {
        const cell = cellAt(row, col);
        if (cell) onOpen?.(cell);
        e.preventDefault();
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    if (row < 0) return;
    setSelected({ row, col });
    scrollIntoView(row, col);
  };

  const sel = selected ? cellAt(selected.row, selected.col) : null;
  const active = hover ?? sel;
  const stage = (cell: CellRef | null) => (cell ? model.stages[cell.col]?.key : undefined);
  const tooltip = hover && renderTooltip ? renderTooltip(hover) : null;
  const tipLeft = hover ? Math.min(hover.x + 14, Math.max(0, view.width - 300)) : 0;
  const tipTop = hover ? (hover.y + 180 > view.height ? Math.max(0, hover.y - 170) : hover.y + 16) : 0;

  return (
    <div
      style={{ position: 'relative' }}
      data-testid="war-chart"
      data-layout={JSON.stringify(layout)}
      data-rows={model.rows.length}
      data-projects={model.projectCount}
      data-hover-project={hover?.projectId}
      data-hover-stage={stage(hover)}
      data-hover-code={hover?.code}
      data-selected-project={sel?.projectId}
      data-selected-stage={stage(sel)}
      data-selected-code={sel?.code}
    >
      <div
        ref={scroller}
        onScroll={request}
        data-testid="war-chart-scroller"
        style={{
          overflow: 'auto',
          height,
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          overscrollBehavior: 'contain',
          WebkitOverflowScrolling: 'touch',
        }}
      >
        <div style={{ width: size.width, height: size.height, position: 'relative' }}>
          <canvas
            ref={canvas}
            tabIndex={0}
            role="img"
            aria-label={labels.corner}
            aria-describedby="war-chart-live"
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
            onClick={onClick}
            onKeyDown={onKey}
            style={{
              position: 'sticky',
              top: 0,
              left: 0,
              display: 'block',
              width: Math.min(view.width, size.width) || 1,
              height: Math.min(view.height, size.height) || 1,
              cursor: hover ? 'pointer' : 'default',
              outline: 'none',
            }}
          />
        </div>
      </div>
      {tooltip && (
        <div
          role="tooltip"
          style={{
            position: 'absolute',
            left: tipLeft,
            top: tipTop,
            zIndex: 10,
            pointerEvents: 'none',
            maxWidth: 300,
            background: 'rgba(0,0,0,0.85)',
            color: '#fff',
            borderRadius: 6,
            padding: '8px 10px',
            fontSize: 12,
            lineHeight: 1.6,
            boxShadow: '0 6px 16px rgba(0,0,0,0.2)',
          }}
        >
          {tooltip}
        </div>
      )}
      <div id="war-chart-live" aria-live="polite" style={hidden} data-testid="war-chart-live">
        {active ? describe(active) : ''}
      </div>
    </div>
  );
}
