import { dag, definedDags, sql } from '../index';

describe('sql()', () => {
  beforeEach(() => definedDags().splice(0));

  it('serializes the connection, statement and parameters, with the statement templated', () => {
    const d = dag('warehouse', {}, () => {
      sql('load', {
        connection: 'dw',
        statement: 'INSERT INTO t VALUES ($1)',
        parameters: [1],
        maxRows: 5,
        timeout: '10s',
        retries: 2,
      });
    });
    const [task] = d.serialize().tasks;
    expect(task).toMatchObject({
      operator: 'sql',
      retries: 2,
      config: {
        connection: 'dw',
        statement: 'INSERT INTO t VALUES ($1)',
        parameters: [1],
        maxRows: 5,
        timeoutMs: 10_000,
      },
    });
    expect(task.templateFields).toEqual(['statement']);
  });

  it('refuses a missing connection or statement, parameters that are not a list, and a bad maxRows, naming the task', () => {
    expect(() => dag('a', {}, () => sql('q', { connection: '', statement: 'SELECT 1' }))).toThrow(
      /'q'.*sql needs a connection id/,
    );
    expect(() => dag('b', {}, () => sql('q', { connection: 'dw', statement: ' ' }))).toThrow(/sql needs a statement/);
    expect(() =>
      dag('c', {}, () => sql('q', { connection: 'dw', statement: 'SELECT $1', parameters: 'x' as never })),
    ).toThrow(/parameters must be an array/);
    expect(() => dag('d', {}, () => sql('q', { connection: 'dw', statement: 'SELECT 1', maxRows: 0 }))).toThrow(
      /maxRows must be a whole number/,
    );
  });
});
