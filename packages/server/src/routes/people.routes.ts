import {
  id,
  okBody,
  person,
  personCreate,
  personExportQuery,
  personPage,
  personQuery,
  personUpdate,
} from '@guatu/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as people from '../services/people.service.ts';

const params = z.strictObject({ id });

/** 人员: leaders and task-force members (people, not accounts). */
export const peopleRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    app.get(
      '/people',
      {
        schema: {
          tags: ['admin'],
          summary: '人员 People in scope (leaders, task-force members), phones masked',
          querystring: personQuery,
          response: { 200: personPage },
        },
      },
      async (req) => people.listPeople(db, req.actor, req.query),
    );
    app.get(
      '/people/export.xlsx',
      {
        schema: {
          tags: ['admin'],
          summary: '导出人员 The filtered people as .xlsx',
          querystring: personExportQuery,
        },
      },
      async (req, reply) => {
        const file = await people.exportPeople(db, req.actor, req.query, now());
        return reply
          .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'Content-Disposition',
            `attachment; filename="people.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .send(file.data);
      },
    );
    app.get(
      '/people/:id',
      { schema: { tags: ['admin'], summary: '人员', params, response: { 200: person } } },
      async (req) => people.getPerson(db, req.actor, req.params.id),
    );
    app.post(
      '/people',
      { schema: { tags: ['admin'], summary: '新增人员', body: personCreate, response: { 201: person } } },
      async (req, reply) => reply.status(201).send(await people.createPerson(db, req.actor, req.body, now())),
    );
    app.put(
      '/people/:id',
      {
        schema: {
          tags: ['admin'],
          summary: '修改人员',
          params,
          body: personUpdate,
          response: { 200: person },
        },
      },
      async (req) => people.updatePerson(db, req.actor, req.params.id, req.body, now()),
    );
    app.delete(
      '/people/:id',
      { schema: { tags: ['admin'], summary: '删除人员', params, response: { 200: okBody } } },
      async (req) => {
        await people.deletePerson(db, req.actor, req.params.id);
        return { ok: true as const };
      },
    );
  };
