/** 一月一调度: a round's figures by level, town, leader or department (issue 10, item 5). */
import type {
  DispatchFigures,
  DispatchFiguresQuery,
  DispatchTable,
  DispatchTableRow,
} from '@guatu/contracts';
import { completionRate, levels, paceWarning, roundCounts, type Level } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { translate, type Lang } from '../messages.ts';
import type { Actor } from '../policies/actor.ts';
import type { RoundProjectRow } from '../repositories/dispatch.repository.ts';
import { cachedDispatchAnswer } from '../portfolio/dispatch-round-cache.ts';
import { roundTableAt, roundTableStamp } from './dispatch-table.service.ts';
import { compareChinese } from './chinese-order.ts';

/** A group's key and label: levels and 未指定 are words; towns, leaders and departments are data. */
function figuresGroupOf(
  p: RoundProjectRow,
  by: DispatchFiguresQuery['by'],
  lang: Lang,
): { key: string; label: string } {
  const unassigned = translate('war_chart_unassigned', lang);
  switch (by) {
    case 'level':
      return (levels as readonly string[]).includes(p.level)
        ? { key: p.level, label: translate(`war_chart_level_${p.level as Level}`, lang) }
        : { key: 'none', label: unassigned };
    case 'town':
      return { key: String(p.regionId), label: p.regionName };
    case 'leader':
      return p.leaderId === null
        ? { key: 'none', label: unassigned }
        : { key: String(p.leaderId), label: p.leaderName ?? String(p.leaderId) };
    case 'department':
      return p.departmentId === null
        ? { key: 'none', label: unassigned }
        : { key: String(p.departmentId), label: p.departmentName ?? String(p.departmentId) };
  }
}

/**
 * The figures of a round (issue 10, item 5) over the same rows as its dispatch table (same scope,
 * same policy): the counts, the year to date against the annual plan and the pace (序时进度) with
 * its warning, overall and by level, town, leader or department, with the 纳统 and data-reporting
 * warnings counted and the projects behind each group. Every figure comes from the domain's rules
 * (roundCounts, completionRate, paceWarning) applied to the table's rows and their sums.
 */
export async function roundFigures(
  db: Db,
  actor: Actor,
  id: number,
  q: DispatchFiguresQuery,
  now: Date,
): Promise<DispatchFigures> {
  return (await keptFigures(db, actor, id, q, now)).figures;
}

/** roundFigures as the JSON the API answers, made once per kept answer. */
export async function roundFiguresJson(
  db: Db,
  actor: Actor,
  id: number,
  q: DispatchFiguresQuery,
  now: Date,
): Promise<Buffer> {
  return (await keptFigures(db, actor, id, q, now)).json;
}

/** Kept per counters' stamp, reader and grouping, over the kept table (dispatch-round-cache.ts). */
async function keptFigures(
  db: Db,
  actor: Actor,
  id: number,
  q: DispatchFiguresQuery,
  now: Date,
): Promise<{ figures: DispatchFigures; json: Buffer }> {
  const at = await roundTableStamp(db, actor, id, now);
  return cachedDispatchAnswer(db, 'figures', at.stamp, `${at.key}|${q.by}`, async () => {
    const figures = figuresOfTable(await roundTableAt(db, actor, id, now, at, false), q, actor.lang);
    return { figures, json: Buffer.from(JSON.stringify(figures)) };
  });
}

/** The figures of a round's table (see roundFigures). */
function figuresOfTable(
  { table, projects }: { table: DispatchTable; projects: ReadonlyMap<number, RoundProjectRow> },
  q: DispatchFiguresQuery,
  lang: Lang,
): DispatchFigures {
  const month = table.round.month;
  const figuresOf = (rows: readonly DispatchTableRow[]) => {
    const annualPlan = rows.reduce((s, r) => s + r.annualPlan, 0);
    const completed = rows.reduce((s, r) => s + r.completedYtd, 0);
    const warnings = (f: (r: DispatchTableRow) => string | null) => ({
      yellow: rows.filter((r) => f(r) === 'yellow').length,
      red: rows.filter((r) => f(r) === 'red').length,
    });
    return {
      projects: rows.length,
      annualPlan,
      completedYtd: completed,
      completionRate: completionRate(completed, annualPlan),
      pacePlan: rows.reduce((s, r) => s + r.pacePlan, 0),
      paceWarning: paceWarning(completed, annualPlan, month).level,
      statsWarnings: warnings((r) => r.statsWarning),
      reportingWarnings: warnings((r) => r.reportingWarning),
      projectIds: rows.map((r) => r.projectId),
    };
  };
  const countsOf = (rows: readonly DispatchTableRow[]) =>
    roundCounts(
      rows.length,
      rows.flatMap((r) => (r.reportStatus ? [{ status: r.reportStatus, late: r.late }] : [])),
    );
  const groups = new Map<string, { label: string; rows: DispatchTableRow[] }>();
  for (const r of table.rows) {
    const { key, label } = figuresGroupOf(projects.get(r.projectId)!, q.by, lang);
    const g = groups.get(key) ?? { label, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  const ordered = [...groups.entries()].sort(([a, ga], [b, gb]) => {
    if ((a === 'none') !== (b === 'none')) return a === 'none' ? 1 : -1;
    if (q.by === 'level')
      return (levels as readonly string[]).indexOf(a) - (levels as readonly string[]).indexOf(b);
    return compareChinese(ga.label, gb.label) || a.localeCompare(b);
  });
  return {
    round: table.round,
    by: q.by,
    paceRate: table.paceRate,
    counts: countsOf(table.rows),
    overall: figuresOf(table.rows),
    groups: ordered.map(([key, g]) => {
      const { reported, missing, late, returned } = countsOf(g.rows);
      return { key, label: g.label, ...figuresOf(g.rows), reported, missing, late, returned };
    }),
  };
}
