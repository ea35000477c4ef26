import { useEffect, useState } from 'react';
import { cellStatuses, cellStatusOf, cellWarningOf, cellWarnings } from '@guatu/contracts';
import { stageWarningText } from '../../api/client.ts';
import { useProjectSchedule } from '../../api/schedule-queries.ts';
import { dash } from '../../format.ts';
import type { Translate } from '../../i18n/index.tsx';
import type { CellRef } from './war-chart-grid.tsx';
import { drawnFlag } from './war-chart-flags.ts';
import type { WarChartModel } from './war-chart-model.ts';

const range = (a: string | null | undefined, b: string | null | undefined) =>
  a || b ? `${a ?? dash} ~ ${b ?? dash}` : dash;

/** One line description of a cell, for the tooltip header and the screen-reader summary. */
export function describeCell(t: Translate, m: WarChartModel, cell: CellRef): string {
  const stage = m.stages[cell.col];
  const parts = [t(`warChart.status.${cellStatuses[cellStatusOf(cell.code)] ?? 'not_started'}`)];
  const w = cellWarnings[cellWarningOf(cell.code)];
  if (w === 'yellow' || w === 'red') parts.push(t(`warChart.warning.${w}`));
  // the flag the cell draws, worded as the legend words it
  const f = drawnFlag(cell.code, stage?.milestone ?? false);
  if (f) parts.push(t(`warChart.flag.${f}`));
  return `${m.nameOf(cell.project)} · ${stage?.name ?? ''}：${parts.join('，')}`;
}

/** The hover card: the cell's state at once, its dates after a short pause (fetched and cached). */
export function CellTooltip({ t, model, cell }: { t: Translate; model: WarChartModel; cell: CellRef }) {
  const [wanted, setWanted] = useState<number | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setWanted(cell.projectId), 180);
    return () => clearTimeout(timer);
  }, [cell.projectId]);
  const schedule = useProjectSchedule(cell.projectId, null, wanted === cell.projectId);
  const key = model.stages[cell.col]?.key;
  const s = schedule.data?.stages.find((x) => x.key === key);
  return (
    <div>
      <div style={{ fontWeight: 600 }}>{model.nameOf(cell.project)}</div>
      <div>{describeCell(t, model, cell).split(' · ').slice(1).join(' · ')}</div>
      {s ? (
        <>
          <div>
            {t('schedule.planned')}：{range(s.latestStart, s.latestFinish)}
          </div>
          <div>
            {t('schedule.forecast')}：{range(s.forecastStart, s.forecastFinish)}
          </div>
          <div>
            {t('schedule.actual')}：{range(s.actualStart, s.actualFinish)}
          </div>
          {s.totalFloat !== null && (
            <div>
              {t('schedule.float')}：{t('schedule.days', { n: s.totalFloat })}
            </div>
          )}
          {s.warning && s.warning.level !== 'green' && <div>⚠ {stageWarningText(s.warning, t)}</div>}
        </>
      ) : schedule.isError ? (
        <div>{schedule.error.message}</div>
      ) : (
        <div style={{ opacity: 0.7 }}>{t('common.loading')}</div>
      )}
      <div style={{ opacity: 0.7, marginTop: 2 }}>{t('warChart.clickToOpen')}</div>
    </div>
  );
}
