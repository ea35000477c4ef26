import { useMemo } from 'react';
import type { ProjectScheduleDto, ScheduledStageDto } from '@guatu/contracts';
import { stageDisplayName } from '@guatu/domain/schedule/stage-templates';
import { useI18n, type Translate } from '../../i18n/index.tsx';

// The project Gantt (SVG): per stage a baseline bar (grey), the planned bar (latest dates,
// 倒排), the actual bar and the forecast bar; critical stages in red; milestones as diamonds;
// holidays and stop periods shaded; the today line. A fixed label column beside a scrolling chart.

const DAY = 86_400_000;
const ROW = 34;
const GROUP_ROW = 22;
// The axis has three lanes: years on top, months below, the 今天 label at the bottom, so no label
// covers another.
const AXIS = 54;
const YEAR_Y = 13;
const MONTH_Y = 32;
const TODAY_Y = 49;
const LABEL_W = 210;

const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** A month tick's label in the UI language: 4月 in zh-CN, Apr in en-US. */
export function monthLabel(month: number, language: string): string {
  let f = monthFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
    monthFormats.set(language, f);
  }
  return f.format(new Date(Date.UTC(2000, month - 1, 1)));
}

export const ganttColors = {
  baseline: '#bfbfbf',
  planned: '#d6e4ff',
  plannedEdge: '#1f5fbf',
  actual: '#52c41a',
  forecast: '#69b1ff',
  critical: '#ff4d4f',
  today: '#f5222d',
  nonWorking: '#ececec',
  group: '#fafafa',
};

type Row = { kind: 'group'; group: string } | { kind: 'stage'; stage: ScheduledStageDto };

/** Fits a name in the label column: 15 Chinese characters, or 30 Latin ones. */
const shorten = (name: string) => {
  const max = /[\u4e00-\u9fff]/.test(name) ? 15 : 30;
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
};

function rowsOf(stages: ScheduledStageDto[]): Row[] {
  const rows: Row[] = [];
  let group = '';
  for (const s of stages) {
    if (s.group !== group) {
      rows.push({ kind: 'group', group: s.group });
      group = s.group;
    }
    rows.push({ kind: 'stage', stage: s });
  }
  return rows;
}

function span(s: ProjectScheduleDto): [number, number] {
  let lo = dayOf(s.today);
  let hi = lo;
  const see = (d: string | null | undefined) => {
    if (!d) return;
    const n = dayOf(d);
    if (n < lo) lo = n;
    if (n > hi) hi = n;
  };
  for (const st of s.stages) {
    see(st.latestStart);
    see(st.latestFinish);
    see(st.forecastStart);
    see(st.forecastFinish);
    see(st.actualStart);
    see(st.actualFinish);
    see(st.baseline?.start);
    see(st.baseline?.finish);
  }
  return [lo - 10, hi + 20];
}

type Props = {
  schedule: ProjectScheduleDto;
  t: Translate;
  highlight?: string | null;
  onPick?: (key: string) => void;
};

export function GanttChart({ schedule, t, highlight, onPick }: Props) {
  const { language } = useI18n();
  const rows = useMemo(() => rowsOf(schedule.stages), [schedule.stages]);
  const [d0, d1] = useMemo(() => span(schedule), [schedule]);
  const days = d1 - d0;
  // the whole span in about 1,000 px when it fits, scrolling sideways only for very long plans
  const ppd = Math.max(0.45, Math.min(12, 1000 / days));
  const width = Math.ceil(days * ppd);
  const height = AXIS + rows.reduce((h, r) => h + (r.kind === 'group' ? GROUP_ROW : ROW), 0);
  const x = (iso: string) => (dayOf(iso) - d0) * ppd;
  const xEnd = (iso: string) => (dayOf(iso) + 1 - d0) * ppd;
  const today = dayOf(schedule.today);
  const todayLeft = (today - d0) * ppd + 80 > width;
  const criticalSet = new Set(schedule.overall.criticalPath);

  // month ticks
  const ticks: { x: number; label: string; year: boolean }[] = [];
  {
    const start = new Date(d0 * DAY);
    let y = start.getUTCFullYear();
    let m = start.getUTCMonth() + 1;
    for (;;) {
      if (m > 11) {
        m = 0;
        y++;
      }
      const day = Math.floor(Date.UTC(y, m, 1) / DAY);
      if (day > d1) break;
      ticks.push({
        x: (day - d0) * ppd,
        label: m === 0 ? `${y}` : monthLabel(m + 1, language),
        year: m === 0,
      });
      m++;
    }
  }
  const monthW = 30 * ppd;
  const everyNth = monthW < 28 ? 3 : monthW < 40 ? 2 : 1;

  let y = AXIS;
  const placed = rows.map((r) => {
    const top = y;
    y += r.kind === 'group' ? GROUP_ROW : ROW;
    return { row: r, top };
  });

  const diamond = (cx: number, cy: number, r: number, fill: string, stroke: string, key: string) => (
    <path
      key={key}
      d={`M${cx} ${cy - r}L${cx + r} ${cy}L${cx} ${cy + r}L${cx - r} ${cy}Z`}
      fill={fill}
      stroke={stroke}
    />
  );

  const bars = (s: ScheduledStageDto, top: number) => {
    const out: React.ReactNode[] = [];
    const critical = s.critical || criticalSet.has(s.key);
    if (s.status === 'not_applicable') {
      out.push(
        <text key="na" x={4} y={top + ROW / 2 + 4} fill="#bfbfbf" fontSize={12}>
          {t('warChart.status.not_applicable')}
        </text>,
      );
      return out;
    }
    const tip = [
      stageDisplayName(s, language),
      `${t('schedule.planned')}：${s.latestStart ?? ''} ~ ${s.latestFinish ?? ''}`,
      `${t('schedule.forecast')}：${s.forecastStart ?? ''} ~ ${s.forecastFinish ?? ''}`,
      `${t('schedule.actual')}：${s.actualStart ?? '—'} ~ ${s.actualFinish ?? '—'}`,
      s.totalFloat !== null ? `${t('schedule.float')}：${t('schedule.days', { n: s.totalFloat })}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    out.push(<title key="tip">{tip}</title>);
    if (s.baseline) {
      if (s.milestone)
        out.push(diamond(x(s.baseline.finish), top + 6, 4, ganttColors.baseline, ganttColors.baseline, 'b'));
      else
        out.push(
          <rect
            key="b"
            x={x(s.baseline.start)}
            y={top + 3}
            width={Math.max(2, xEnd(s.baseline.finish) - x(s.baseline.start))}
            height={5}
            fill={ganttColors.baseline}
            rx={1}
          />,
        );
    }
    if (s.latestStart && s.latestFinish) {
      if (s.milestone)
        out.push(diamond(x(s.latestFinish), top + 14, 6, '#fff', ganttColors.plannedEdge, 'p'));
      else
        out.push(
          <rect
            key="p"
            x={x(s.latestStart)}
            y={top + 10}
            width={Math.max(2, xEnd(s.latestFinish) - x(s.latestStart))}
            height={8}
            fill={ganttColors.planned}
            stroke={ganttColors.plannedEdge}
            strokeWidth={1}
            rx={2}
          />,
        );
    }
    const fcColor = critical ? ganttColors.critical : ganttColors.forecast;
    if (s.milestone) {
      const at = s.actualFinish ?? s.forecastFinish;
      if (at)
        out.push(diamond(x(at), top + 25, 6, s.actualFinish ? ganttColors.actual : fcColor, '#fff', 'm'));
    } else {
      if (s.actualStart) {
        const end = s.actualFinish ?? (s.status === 'in_progress' ? schedule.today : s.actualStart);
        out.push(
          <rect
            key="a"
            x={x(s.actualStart)}
            y={top + 21}
            width={Math.max(2, xEnd(end) - x(s.actualStart))}
            height={9}
            fill={ganttColors.actual}
            rx={2}
          />,
        );
      }
      if (s.status !== 'done' && s.forecastStart && s.forecastFinish) {
        // what remains: from today (or the forecast start) to the forecast finish
        const from =
          s.actualStart && dayOf(schedule.today) > dayOf(s.forecastStart) ? schedule.today : s.forecastStart;
        out.push(
          <rect
            key="f"
            x={x(from)}
            y={top + 21}
            width={Math.max(2, xEnd(s.forecastFinish) - x(from))}
            height={9}
            fill={fcColor}
            opacity={0.85}
            rx={2}
          />,
        );
      }
    }
    return out;
  };

  const labelColumn = (
    <svg width={LABEL_W} height={height} style={{ display: 'block', flex: 'none' }} aria-hidden>
      <rect x={0} y={0} width={LABEL_W} height={AXIS} fill={ganttColors.group} />
      <text x={8} y={AXIS / 2 + 4} fontSize={12} fontWeight={600} fill="#262626">
        {t('schedule.stage')}
      </text>
      {placed.map(({ row, top }) =>
        row.kind === 'group' ? (
          <g key={`g-${row.group}`}>
            <rect x={0} y={top} width={LABEL_W} height={GROUP_ROW} fill={ganttColors.group} />
            <text x={8} y={top + GROUP_ROW / 2 + 4} fontSize={12} fontWeight={600} fill="#595959">
              {t(`stageGroup.${row.group}` as 'stageGroup.landing')}
            </text>
          </g>
        ) : (
          <g
            key={row.stage.key}
            onClick={() => onPick?.(row.stage.key)}
            style={{ cursor: onPick ? 'pointer' : undefined }}
          >
            {highlight === row.stage.key && (
              <rect x={0} y={top} width={LABEL_W} height={ROW} fill="#e6f4ff" />
            )}
            {row.stage.critical && (
              <rect x={0} y={top + 6} width={3} height={ROW - 12} fill={ganttColors.critical} />
            )}
            <text
              x={10}
              y={top + ROW / 2 + 4}
              fontSize={12}
              fill={
                row.stage.status === 'not_applicable' ? '#bfbfbf' : row.stage.critical ? '#cf1322' : '#262626'
              }
              fontWeight={row.stage.critical ? 600 : 400}
            >
              {row.stage.milestone ? '◆ ' : ''}
              {shorten(stageDisplayName(row.stage, language))}
            </text>
          </g>
        ),
      )}
      <line x1={LABEL_W - 0.5} x2={LABEL_W - 0.5} y1={0} y2={height} stroke="#d9d9d9" />
    </svg>
  );

  return (
    <div
      style={{ display: 'flex', border: '1px solid #f0f0f0', borderRadius: 6, overflow: 'hidden' }}
      data-testid="gantt"
    >
      {labelColumn}
      {/* minWidth 0: a flex item is otherwise as wide as its chart and the card clips the rest */}
      <div style={{ overflowX: 'auto', flex: 1, minWidth: 0 }}>
        <svg
          width={width}
          height={height}
          style={{ display: 'block' }}
          role="img"
          aria-label={t('schedule.gantt')}
        >
          <rect x={0} y={0} width={width} height={AXIS} fill={ganttColors.group} />
          {schedule.nonWorking.map((n) => (
            <rect
              key={`${n.from}-${n.name}`}
              x={x(n.from)}
              y={AXIS}
              width={Math.max(1, xEnd(n.to) - x(n.from))}
              height={height - AXIS}
              fill={ganttColors.nonWorking}
            >
              <title>{`${n.name} ${n.from} ~ ${n.to}`}</title>
            </rect>
          ))}
          {ticks.map((tk, i) => (
            <g key={tk.x}>
              <line
                x1={tk.x}
                x2={tk.x}
                y1={tk.year ? 0 : YEAR_Y + 6}
                y2={height}
                stroke={tk.year ? '#bfbfbf' : '#f0f0f0'}
              />
              {(tk.year || i % everyNth === 0) && (
                <text
                  x={tk.x + 3}
                  y={tk.year ? YEAR_Y : MONTH_Y}
                  fontSize={11}
                  fill={tk.year ? '#262626' : '#8c8c8c'}
                  fontWeight={tk.year ? 600 : 400}
                >
                  {tk.label}
                </text>
              )}
            </g>
          ))}
          {placed.map(({ row, top }) =>
            row.kind === 'group' ? (
              <rect
                key={`g-${row.group}`}
                x={0}
                y={top}
                width={width}
                height={GROUP_ROW}
                fill={ganttColors.group}
                opacity={0.8}
              />
            ) : (
              <g key={row.stage.key} data-stage={row.stage.key}>
                {highlight === row.stage.key && (
                  <rect x={0} y={top} width={width} height={ROW} fill="#e6f4ff" opacity={0.6} />
                )}
                <line x1={0} x2={width} y1={top + ROW - 0.5} y2={top + ROW - 0.5} stroke="#f5f5f5" />
                {bars(row.stage, top)}
              </g>
            ),
          )}
          {today >= d0 && today <= d1 && (
            <g>
              <line
                x1={(today - d0) * ppd}
                x2={(today - d0) * ppd}
                y1={TODAY_Y - 10}
                y2={height}
                stroke={ganttColors.today}
                strokeDasharray="4 3"
              />
              {/* near the right edge the label sits left of its line, inside the chart */}
              <text
                x={(today - d0) * ppd + (todayLeft ? -3 : 3)}
                y={TODAY_Y}
                textAnchor={todayLeft ? 'end' : 'start'}
                fontSize={11}
                fill={ganttColors.today}
              >
                {t('gantt.today')} {isoOf(today).slice(5)}
              </text>
            </g>
          )}
        </svg>
      </div>
    </div>
  );
}

export function GanttLegend({ t }: { t: Translate }) {
  const item = (node: React.ReactNode, label: string) => (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginRight: 14, fontSize: 12 }}>
      <svg width={24} height={14} aria-hidden>
        {node}
      </svg>
      {label}
    </span>
  );
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4 }}>
      {item(<rect x={1} y={4} width={22} height={5} fill={ganttColors.baseline} />, t('gantt.baseline'))}
      {item(
        <rect
          x={1}
          y={3}
          width={22}
          height={8}
          fill={ganttColors.planned}
          stroke={ganttColors.plannedEdge}
        />,
        t('gantt.planned'),
      )}
      {item(<rect x={1} y={2} width={22} height={10} fill={ganttColors.actual} />, t('gantt.actual'))}
      {item(<rect x={1} y={2} width={22} height={10} fill={ganttColors.forecast} />, t('gantt.forecast'))}
      {item(<rect x={1} y={2} width={22} height={10} fill={ganttColors.critical} />, t('gantt.critical'))}
      {item(
        <path d="M12 1L18 7L12 13L6 7Z" fill="#fff" stroke={ganttColors.plannedEdge} />,
        t('gantt.milestone'),
      )}
      {item(<rect x={1} y={0} width={22} height={14} fill={ganttColors.nonWorking} />, t('gantt.nonWorking'))}
      {item(
        <line x1={12} x2={12} y1={0} y2={14} stroke={ganttColors.today} strokeDasharray="3 2" />,
        t('gantt.today'),
      )}
    </div>
  );
}
