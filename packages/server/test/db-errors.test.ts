/** Unique violations of both engines recognised in one place (db-errors.ts), on the errors the drivers really throw. */
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import { appErrorOfDb, duplicateOf, uniqueViolation } from '../src/repositories/db-errors.ts';

function sqliteError(sqlText: string, caseInsensitive = false): unknown {
  const db = new SqliteDatabase(':memory:');
  db.exec(`create table users (id integer primary key, username text not null unique);
    create table departments (id integer primary key, region_id integer, name text, unique (region_id, name));
    create table t (x integer primary key);
    insert into users (id, username) values (1, 'bob');
    insert into departments (region_id, name) values (5, '财政局');
    insert into t values (1);`);
  if (caseInsensitive) db.exec('create unique index users_username_ci on users (lower(username))');
  try {
    db.exec(sqlText);
    return null;
  } catch (e) {
    return e;
  } finally {
    db.close();
  }
}

describe('unique violations', () => {
  it('SQLite: column, composite and expression-index keys', () => {
    const column = uniqueViolation(sqliteError("insert into users (id, username) values (2, 'bob')"));
    expect(column).toEqual({ table: 'users', columns: ['username'], constraint: null, values: [] });
    expect(duplicateOf(column!, { username: 'bob' })).toEqual({ field: 'username', value: 'bob' });
    const pair = uniqueViolation(
      sqliteError("insert into departments (region_id, name) values (5, '财政局')"),
    );
    expect(pair).toMatchObject({ table: 'departments', columns: ['region_id', 'name'] });
    expect(duplicateOf(pair!, { regionId: 5, name: '财政局' })).toEqual({
      field: 'department',
      value: '财政局',
    });
    const ci = uniqueViolation(sqliteError("insert into users (id, username) values (3, 'BOB')", true));
    expect(ci).toEqual({ table: null, columns: [], constraint: 'users_username_ci', values: [] });
    expect(duplicateOf(ci!, { username: 'BOB' })).toEqual({ field: 'username', value: 'BOB' });
    // A primary key users do not choose: 409 conflict, not a 500.
    const pk = appErrorOfDb(sqliteError('insert into t values (1)'), {});
    expect(pk).toBeInstanceOf(AppError);
    expect(pk!.code).toBe('conflict');
    expect(uniqueViolation(sqliteError('insert into nope values (1)'))).toBeNull();
  });

  it('PostgreSQL: 23505 with table, constraint and key detail; 22003 out of range', () => {
    const err = {
      code: '23505',
      table: 'users',
      constraint: 'users_username_key',
      detail: 'Key (lower(username::text))=(bob) already exists.',
    };
    expect(uniqueViolation(err)).toEqual({
      table: 'users',
      columns: ['lower(username::text)'],
      constraint: 'users_username_key',
      values: ['bob'],
    });
    // Without the value in the body, PostgreSQL's is quoted.
    expect(appErrorOfDb(err, undefined)).toMatchObject({
      code: 'duplicate',
      params: { field: 'username', value: 'bob' },
    });
    const year = { code: '23505', table: 'calendar_years', detail: 'Key (year)=(2027) already exists.' };
    expect(appErrorOfDb(year, { year: 2027 })).toMatchObject({
      code: 'duplicate',
      params: { field: 'calendarYear', value: '2027' },
    });
    expect(appErrorOfDb({ code: '22003', message: 'value "2147483648" is out of range' }, {})!.code).toBe(
      'validation',
    );
    expect(appErrorOfDb(new Error('connection reset'), {})).toBeNull();
  });
});
