import { DEMO_PASSWORD } from '@guatu/domain';
import type { PublicStatus } from '@guatu/contracts';
import type { Db, DbHandle } from '../db/connect.ts';
import type { Actor } from '../policies/actor.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { deleteRoundsWithoutProjects } from '../repositories/demo-dispatch.repository.ts';
import * as demo from '../repositories/demo.repository.ts';
import { hasDemoUsers } from '../repositories/user.repository.ts';

/** The banner's answer: demo accounts exist; their shared password only to a browser on this machine. */
export async function publicStatus(db: Db, loopback: boolean): Promise<PublicStatus> {
  const isDemo = await hasDemoUsers(db);
  return { demo: isDemo, demoPasswordHint: isDemo && loopback ? DEMO_PASSWORD : null };
}

export type DemoRemoval = { users: number; projects: number; departments: number; regions: number };

/**
 * `guatu demo --remove`: in one transaction, deletes the demo's projects (with their years,
 * members, schedules and stage rows), its accounts (with their sessions and what they own), and the
 * departments and regions it created when nothing else uses them any more; one audit row. The setup
 * accounts and everything not from the demo stay (a reference from them to a demo account is cleared).
 */
export async function removeDemo(handle: DbHandle, actor: Actor | null): Promise<DemoRemoval> {
  return handle.db.transaction().execute(async (trx) => {
    const fks = await demo.foreignKeys(trx, handle.engine);
    const projects = await demo.deleteWithReferences(
      trx,
      fks,
      'projects',
      await demo.demoRowIds(trx, 'project'),
    );
    // The demo's dispatch rounds, empty now that their projects are gone (they refer to its regions).
    await deleteRoundsWithoutProjects(trx);
    // The demo's people (their projects are gone; a non-demo project they lead is cleared).
    await demo.deleteWithReferences(trx, fks, 'people', await demo.demoPeopleIds(trx));
    const users = await demo.deleteWithReferences(trx, fks, 'users', await demo.demoUserIds(trx));
    let departments = 0;
    for (const id of await demo.demoRowIds(trx, 'department')) {
      if (await demo.isReferenced(trx, fks, 'departments', id)) continue;
      await demo.deleteRegionOrDepartment(trx, 'departments', id);
      departments++;
    }
    let regions = 0;
    // Deepest first, so that a town goes before its county.
    for (const r of await demo.regionDepths(trx, await demo.demoRowIds(trx, 'region'))) {
      if (await demo.isReferenced(trx, fks, 'regions', r.id)) continue;
      await demo.deleteRegionOrDepartment(trx, 'regions', r.id);
      regions++;
    }
    await demo.deleteDemoRows(trx);
    await demo.resetRootIfBare(trx);
    const removed = { users, projects, departments, regions };
    await recordAudit(trx, actor, {
      action: 'demo_removed',
      entity: 'dataset',
      entityId: null,
      after: removed,
    });
    return removed;
  });
}
