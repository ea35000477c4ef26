import {
  department,
  departmentCreate,
  departmentUpdate,
  id,
  lookups,
  region,
  regionCreate,
  regionUpdate,
  user,
  userCreate,
  userPage,
  userQuery,
  userUpdate,
} from '@guatu/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as admin from '../services/admin.service.ts';

const params = z.strictObject({ id });

export const adminRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;

    app.get(
      '/lookups',
      {
        schema: {
          tags: ['lookups'],
          summary: '下拉选项 Names for filters and forms',
          response: { 200: lookups },
        },
      },
      async (req) => admin.lookups(db, req.actor),
    );

    app.get(
      '/regions',
      {
        schema: {
          tags: ['admin'],
          summary: '区划 Regions in scope',
          response: { 200: z.object({ items: z.array(region) }) },
        },
      },
      async (req) => admin.listRegions(db, req.actor),
    );
    app.post(
      '/regions',
      { schema: { tags: ['admin'], summary: '新增区划', body: regionCreate, response: { 201: region } } },
      async (req, reply) => reply.status(201).send(await admin.createRegion(db, req.actor, req.body)),
    );
    app.patch(
      '/regions/:id',
      {
        schema: {
          tags: ['admin'],
          summary: '修改区划',
          params,
          body: regionUpdate,
          response: { 200: region },
        },
      },
      async (req) => admin.updateRegion(db, req.actor, req.params.id, req.body),
    );

    app.get(
      '/departments',
      {
        schema: {
          tags: ['admin'],
          summary: '部门 Departments',
          response: { 200: z.object({ items: z.array(department) }) },
        },
      },
      async (req) => admin.listDepartments(db, req.actor),
    );
    app.post(
      '/departments',
      {
        schema: {
          tags: ['admin'],
          summary: '新增部门',
          body: departmentCreate,
          response: { 201: department },
        },
      },
      async (req, reply) => reply.status(201).send(await admin.createDepartment(db, req.actor, req.body)),
    );
    app.patch(
      '/departments/:id',
      {
        schema: {
          tags: ['admin'],
          summary: '修改部门',
          params,
          body: departmentUpdate,
          response: { 200: department },
        },
      },
      async (req) => admin.updateDepartment(db, req.actor, req.params.id, req.body),
    );

    app.get(
      '/users',
      {
        schema: {
          tags: ['admin'],
          summary: '用户 Users',
          querystring: userQuery,
          response: { 200: userPage },
        },
      },
      async (req) => admin.listUsers(db, req.actor, req.query, now()),
    );
    app.post(
      '/users',
      { schema: { tags: ['admin'], summary: '新增用户', body: userCreate, response: { 201: user } } },
      async (req, reply) => reply.status(201).send(await admin.createUser(db, req.actor, req.body, now())),
    );
    app.patch(
      '/users/:id',
      {
        schema: {
          tags: ['admin'],
          summary: '修改用户/重置密码/解锁',
          params,
          body: userUpdate,
          response: { 200: user },
        },
      },
      async (req) => admin.updateUser(db, req.actor, req.params.id, req.body, now()),
    );
  };
