import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// People are not accounts (issue 9, item 3): a project's responsible leader (projects.leader_id) and
// its task force (project_members) are PEOPLE — 姓名, 职务, 单位, 电话 — who need not log in; a person
// may be linked to one account (people.user_id), and scope follows that link.
//
// The data moves on both engines: a person for every user referenced as a leader or member (name =
// the display name, linked to that user, in the user's region), then projects.leader_id and the
// members point at people. SQLite cannot change a column's foreign key in place nor drop a column
// that is in one, so the old column is renamed to legacy_leader_user_id and emptied (dropped on
// PostgreSQL), and leader_id is added anew, referring to people; project_members is rebuilt with
// person_id. Phones are not copied: a migration cannot read the personal-data key.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const table = db.schema.createTable('people');
  await (
    engine === 'postgres'
      ? table.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : table.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())
  )
    .addColumn('region_id', 'integer', (c: any) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('title', 'text')
    // '' when unknown, so that (region, name, unit) is unique on both engines (NULLs never collide).
    .addColumn('unit', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text')
    .addColumn('user_id', 'integer', (c: any) => c.references('users.id'))
    .addColumn('demo', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('people_user').on('people').column('user_id').unique().execute();
  await db.schema
    .createIndex('people_region_name_unit')
    .on('people')
    .columns(['region_id', 'name', 'unit'])
    .unique()
    .execute();
  await db.schema.createIndex('people_name').on('people').column('name').execute();

  // A person for every user named as a leader or a member.
  const leaders = await db
    .selectFrom('projects')
    .select('leader_id as id')
    .where('leader_id', 'is not', null)
    .execute();
  const members = await db.selectFrom('project_members').select('user_id as id').execute();
  const userIds = [...new Set([...leaders, ...members].map((r: any) => Number(r.id)))].sort((a, b) => a - b);
  const users = userIds.length
    ? await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name as displayName', 'region_id as regionId', 'demo'])
        .where('id', 'in', userIds)
        .orderBy('id')
        .execute()
    : [];
  const now = new Date().toISOString();
  const taken = new Set<string>();
  for (const u of users as any[]) {
    // Two accounts of one region with one display name: the second keeps its username as unit.
    // (Aliased in camelCase: the same keys with or without the CamelCasePlugin.)
    const key = `${u.regionId}|${u.displayName}`;
    const unit = taken.has(key) ? `(${u.username})` : '';
    taken.add(key);
    await db
      .insertInto('people')
      .values({
        region_id: u.regionId,
        name: u.displayName,
        unit,
        user_id: u.id,
        demo: u.demo,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  // projects.leader_id → people.
  await db.schema.dropIndex('projects_leader_id').execute();
  await db.schema.alterTable('projects').renameColumn('leader_id', 'legacy_leader_user_id').execute();
  await db.schema
    .alterTable('projects')
    .addColumn('leader_id', 'integer', (c: any) => c.references('people.id'))
    .execute();
  await db
    .updateTable('projects')
    .set((eb: any) => ({
      leader_id: eb
        .selectFrom('people')
        .select('people.id')
        .whereRef('people.user_id', '=', 'projects.legacy_leader_user_id'),
    }))
    .where('legacy_leader_user_id', 'is not', null)
    .execute();
  if (engine === 'postgres')
    await db.schema.alterTable('projects').dropColumn('legacy_leader_user_id').execute();
  else await db.updateTable('projects').set({ legacy_leader_user_id: null }).execute();
  await db.schema.createIndex('projects_leader_id').on('projects').column('leader_id').execute();

  // project_members(user_id) → project_members(person_id).
  await db.schema
    .createTable('project_members_0015')
    .addColumn('project_id', 'integer', (c: any) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c: any) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('project_members_person_pk', ['project_id', 'person_id'])
    .execute();
  await db
    .insertInto('project_members_0015')
    .columns(['project_id', 'person_id'])
    .expression(
      db
        .selectFrom('project_members as m')
        .innerJoin('people as p', 'p.user_id', 'm.user_id')
        .select(['m.project_id', 'p.id']),
    )
    .execute();
  await db.schema.dropTable('project_members').execute();
  await db.schema.alterTable('project_members_0015').renameTo('project_members').execute();
  await db.schema.createIndex('project_members_person').on('project_members').column('person_id').execute();
}
