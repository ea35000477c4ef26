import {
  baselineCreate,
  calendarEntry,
  calendarEntryCreate,
  calendarResponse,
  calendarYearCreate,
  id,
  okBody,
  projectSchedule,
  projectScheduleQuery,
  projectScheduleUpdate,
  settingsRegionQuery,
  stageKey,
  stageProgressUpdate,
  stageTemplate,
  stageTemplateUpdate,
  templateKeys,
  WAR_CHART_BINARY_TYPE,
  warChart,
  warChartQuery,
} from '@guatu/contracts';
import { shanghaiToday } from '@guatu/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { writeWarChartWorkbook } from '../excel/war-chart-export.ts';
import * as calendar from '../services/calendar.service.ts';
import * as schedules from '../services/schedule.service.ts';
import * as templates from '../services/stage-template.service.ts';
import { computeWarChart, warChartBinary, warChartJson } from '../services/war-chart.service.ts';
import { recordExport } from '../services/audit.service.ts';
import { accepts, sendBytes, sendJsonBytes } from './json-bytes.ts';
import { sendXlsx } from './xlsx-download.ts';

const params = z.strictObject({ id });
const stageParams = z.strictObject({ id, stage: stageKey });
const templateParams = z.strictObject({ key: z.enum(templateKeys) });
const baselineSaved = z.object({ id, name: z.string(), savedAt: z.string() });

/** 倒排工期 and 挂图作战: project schedules, stage templates, the calendar and the war chart. */
export const scheduleRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    const tags = ['schedule'];

    app.get(
      '/projects/:id/schedule',
      {
        schema: {
          tags,
          summary: '项目工期计划 A project schedule (倒排工期), with a baseline (default: the latest)',
          params,
          querystring: projectScheduleQuery,
          response: { 200: projectSchedule },
        },
      },
      async (req) => schedules.getProjectSchedule(db, req.actor, req.params.id, req.query, now()),
    );
    app.patch(
      '/projects/:id/schedule',
      {
        schema: {
          tags,
          summary: '调整计划 Re-plan: template, edits, finish-by targets (stale version → 409)',
          params,
          body: projectScheduleUpdate,
          response: { 200: projectSchedule },
        },
      },
      async (req) => schedules.updateProjectSchedule(db, req.actor, req.params.id, req.body, now()),
    );
    app.put(
      '/projects/:id/stages/:stage',
      {
        schema: {
          tags,
          summary: '填报工序实际日期 Record a stage’s actual dates and note (null clears)',
          params: stageParams,
          body: stageProgressUpdate,
          response: { 200: projectSchedule },
        },
      },
      async (req) =>
        schedules.updateStageProgress(db, req.actor, req.params.id, req.params.stage, req.body, now()),
    );
    app.post(
      '/projects/:id/baselines',
      {
        schema: {
          tags,
          summary: '保存基线 Save the plan as a baseline',
          params,
          body: baselineCreate,
          response: { 201: baselineSaved },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await schedules.createBaseline(db, req.actor, req.params.id, req.body, now())),
    );

    app.get(
      '/stage-templates',
      {
        schema: {
          tags,
          summary: '工序模板 Stage templates in force in a region (default: yours), own or inherited',
          querystring: settingsRegionQuery,
          response: { 200: z.array(stageTemplate) },
        },
      },
      async (req) => templates.listTemplates(db, req.actor, req.query.regionId),
    );
    app.put(
      '/stage-templates/:key',
      {
        schema: {
          tags,
          summary: '编辑工序模板 Save a region’s own copy of a stage template (admin of it or above)',
          params: templateParams,
          querystring: settingsRegionQuery,
          body: stageTemplateUpdate,
          response: { 200: stageTemplate },
        },
      },
      async (req) =>
        templates.updateTemplate(db, req.actor, req.params.key, req.body, now(), req.query.regionId),
    );
    app.delete(
      '/stage-templates/:key',
      {
        schema: {
          tags,
          summary: '恢复继承 Delete a region’s own copy of a template: it inherits again',
          params: templateParams,
          querystring: settingsRegionQuery,
          response: { 200: stageTemplate },
        },
      },
      async (req) => templates.deleteTemplateOverride(db, req.actor, req.params.key, req.query.regionId),
    );

    app.get(
      '/calendar',
      {
        schema: {
          tags,
          summary: '工作日历 The working-day calendar of a region (default: yours), with inherited entries',
          querystring: settingsRegionQuery,
          response: { 200: calendarResponse },
        },
      },
      async (req) => calendar.getCalendar(db, req.actor, shanghaiToday(now()), req.query.regionId),
    );
    app.post(
      '/calendar/entries',
      {
        schema: {
          tags,
          summary: '添加节假日/调休/停工期 Add a holiday, make-up day or stop period to a region (admin)',
          querystring: settingsRegionQuery,
          body: calendarEntryCreate,
          response: { 201: calendarEntry },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await calendar.addCalendarEntry(
              db,
              req.actor,
              req.body,
              now(),
              shanghaiToday(now()),
              req.query.regionId,
            ),
          ),
    );
    app.delete(
      '/calendar/entries/:id',
      {
        schema: {
          tags,
          summary: '删除日历条目 Delete a calendar entry (admin)',
          params,
          response: { 200: okBody },
        },
      },
      async (req) => calendar.deleteCalendarEntry(db, req.actor, req.params.id),
    );
    app.post(
      '/calendar/years',
      {
        schema: {
          tags,
          summary: '添加年份 Add the next year with its holidays and 调休 (admin)',
          body: calendarYearCreate,
          response: { 201: calendarResponse },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await calendar.addCalendarYear(db, req.actor, req.body, now(), shanghaiToday(now()))),
    );

    app.get(
      '/war-chart',
      {
        schema: {
          tags,
          summary: '挂图作战 The war chart: projects × stages, cells coded status + 8×warning + 32×flag',
          querystring: warChartQuery,
          response: { 200: warChart },
        },
      },
      // The chart's JSON is assembled from the cache's fragments (war-chart.service.ts warChartJson);
      // the web app asks for the same chart in its binary form (contracts/war-chart-binary.ts).
      async (req, reply) => {
        const binary = accepts(req, WAR_CHART_BINARY_TYPE)
          ? await warChartBinary(db, req.actor, req.query, now())
          : null;
        if (binary) return sendBytes(req, reply, binary, WAR_CHART_BINARY_TYPE, ['accept']);
        return sendJsonBytes(req, reply, await warChartJson(db, req.actor, req.query, now()), ['accept']);
      },
    );
    app.get(
      '/war-chart/export.xlsx',
      {
        schema: {
          tags,
          summary: '导出挂图 The war chart as a coloured .xlsx (same filters)',
          querystring: warChartQuery,
        },
      },
      async (req, reply) => {
        // Computed (and authorised) before the first byte: a refusal is an ordinary error answer.
        const data = await computeWarChart(db, req.actor, req.query, now());
        await recordExport(db, req.actor, 'war_chart', req.query, data.chart.projects.ids.length);
        return sendXlsx(reply, {
          fileName: `${data.title}.xlsx`,
          asciiName: 'war-chart.xlsx',
          rows: data.chart.projects.ids.length,
          write: (out) =>
            writeWarChartWorkbook(
              {
                title: data.title,
                chart: data.chart,
                dates: data.dates,
                groupBy: req.query.groupBy,
                lang: req.actor.lang,
              },
              out,
            ),
        });
      },
    );
  };
