import {
  auditActions,
  auditEntities,
  isAuditAction,
  isAuditEntity,
  type AuditActionName,
  type AuditEntityName,
  type AuditPage,
  type ProjectScheduleDto,
} from '@guatu/contracts';
import { afterAll, beforeAll, expect, expectTypeOf, it } from 'vitest';
import type { AuditInput } from '../src/repositories/audit.repository.ts';
import { call, createTestContext, describeEngines, login, loginAdmin, type TestContext } from './harness.ts';

// The audit log's vocabulary (issue 8, item 7): recordAudit takes only catalogue names (checked by
// the compiler: `npx tsc -b` fails on the @ts-expect-error lines if it ever accepts another), and
// every row the server writes names a catalogue entity and action, which the auditor filters by.

it('types recordAudit with the catalogue unions (compile time)', () => {
  expectTypeOf<AuditInput['action']>().toEqualTypeOf<AuditActionName>();
  expectTypeOf<AuditInput['entity']>().toEqualTypeOf<AuditEntityName>();
  const ok: AuditInput = { action: 'replan', entity: 'project_schedule', entityId: 1 };
  // @ts-expect-error -- an action outside the catalogue
  const badAction: AuditInput = { action: 'structure_done', entity: 'project', entityId: 1 };
  // @ts-expect-error -- an entity outside the catalogue
  const badEntity: AuditInput = { action: 'update', entity: 'stage', entityId: 1 };
  expect([ok, badAction, badEntity]).toHaveLength(3);
  for (const labels of [...Object.values(auditEntities), ...Object.values(auditActions)]) {
    expect(labels['zh-CN']).toMatch(/\p{Script=Han}/u);
    expect(labels['en-US']).toMatch(/^[A-Z][A-Za-z -]+$/);
  }
});

describeEngines('audit catalogue', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(() => ctx.close());

  it('writes only catalogue names, and the auditor filters by each entity and action written', async () => {
    // A failed and a good sign-in, a stage's progress, a re-plan, a calendar entry, a denied write, an export.
    const bad = await call(ctx.app, null, 'POST', '/api/auth/login', {
      username: 'viewer',
      password: 'wrong',
    });
    expect(bad.statusCode).toBe(401);
    const admin = await loginAdmin(ctx.app);
    const pid = ctx.ids.projects.get('新材料科技产业园项目')!;
    const s = (
      await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`)
    ).json() as ProjectScheduleDto;
    const stage = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/structure`, {
      actualStart: '2026-11-02',
      actualFinish: null,
      note: '',
      version: s.version,
    });
    expect(stage.statusCode, stage.body).toBe(200);
    const version = (stage.json() as ProjectScheduleDto).version;
    const replan = await call(ctx.app, admin, 'PATCH', `/api/projects/${pid}/schedule`, {
      version,
      edits: [],
    });
    expect(replan.statusCode, replan.body).toBe(200);
    const entry = { kind: 'stop', from: '2026-01-10', to: '2026-02-10', name: '冬季停工' };
    expect((await call(ctx.app, admin, 'POST', '/api/calendar/entries', entry)).statusCode).toBe(201);
    const viewer = await login(ctx.app, 'viewer');
    expect((await call(ctx.app, viewer, 'POST', '/api/calendar/entries', entry)).statusCode).toBe(403);
    expect((await call(ctx.app, admin, 'GET', '/api/projects/export')).statusCode).toBe(200);

    const auditor = await login(ctx.app, 'auditor');
    const rows = await ctx.handle.db.selectFrom('auditLog').select(['entity', 'action']).execute();
    expect(rows.filter((r) => !isAuditEntity(r.entity) || !isAuditAction(r.action))).toEqual([]);
    const written = new Set(rows.map((r) => `${r.entity}/${r.action}`));
    for (const pair of [
      'user/login_failed',
      'session/login',
      'project_stage/update',
      'project_schedule/replan',
      'calendar_entry/create',
      'ledger/export',
    ])
      expect(written, pair).toContain(pair);

    for (const entity of new Set(rows.map((r) => r.entity))) {
      const res = await call(ctx.app, auditor, 'GET', `/api/audit?entity=${entity}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as AuditPage;
      // The auditor's own queries add audit_log rows as he reads.
      if (entity !== 'audit_log')
        expect(page.total, entity).toBe(rows.filter((r) => r.entity === entity).length);
      expect(new Set(page.items.map((i) => i.entity))).toEqual(new Set([entity]));
    }
    for (const action of new Set(rows.map((r) => r.action))) {
      const res = await call(ctx.app, auditor, 'GET', `/api/audit?action=${action}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as AuditPage;
      // The auditor's own queries add audit_query rows as he reads.
      if (action !== 'audit_query')
        expect(page.total, action).toBe(rows.filter((r) => r.action === action).length);
      expect(new Set(page.items.map((i) => i.action))).toEqual(new Set([action]));
    }
    const stageRows = (
      (await call(ctx.app, auditor, 'GET', '/api/audit?entity=project_stage')).json() as AuditPage
    ).items;
    expect(stageRows.map((r) => [r.action, r.entityId])).toEqual([['update', `${pid}:structure`]]);
  });
});
