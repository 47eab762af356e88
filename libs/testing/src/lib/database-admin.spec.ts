import { databaseName, redactUrl, withDatabaseName } from './database-admin';

describe('database urls', () => {
  it('swaps the database name and keeps credentials and options', () => {
    expect(withDatabaseName('postgres://u:p@db:5433/updraft?sslmode=disable', 'updraft_test_ab12')).toBe(
      'postgres://u:p@db:5433/updraft_test_ab12?sslmode=disable',
    );
  });

  it('reads the database name', () => {
    expect(databaseName('postgres://postgres@127.0.0.1:5432/updraft_test_1')).toBe('updraft_test_1');
  });

  it('refuses names that would need quoting, so they never reach DROP DATABASE', () => {
    expect(() => databaseName('postgres://h/x%22%3B%20drop')).toThrow(/Unsafe/);
    expect(() => withDatabaseName('postgres://h/x', 'Robert"; DROP')).toThrow(/Unsafe/);
    expect(() => databaseName('postgres://h/')).toThrow(/missing/);
  });

  it('hides the password when naming a url in an error', () => {
    expect(redactUrl('postgres://u:secret@h/db')).toBe('postgres://u:***@h/db');
  });
});
