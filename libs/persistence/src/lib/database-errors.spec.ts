import { isDatabaseUnreachable, isInfrastructureError } from './database-errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe("which errors are the platform's, not a try's", () => {
  it.each([
    ['a restart', pgError('57P01', 'terminating connection due to administrator command')],
    ['a deadlock', pgError('40P01', 'deadlock detected')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a statement timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['an unreachable server', new Error('connect ECONNREFUSED 127.0.0.1:5432')],
    ['Redis gone', new Error('Connection is closed.')],
  ])("%s is the infrastructure's", (_, error) => expect(isInfrastructureError(error)).toBe(true));

  it.each([
    ['a NUL in jsonb', pgError('22P05', 'unsupported Unicode escape sequence')],
    ['a NUL in text', pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')],
    ['a row gone meanwhile', pgError('23503', 'insert or update on table "task_log" violates foreign key constraint')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
  ])("%s is the item's own", (_, error) => expect(isInfrastructureError(error)).toBe(false));

  it('only an unreachable server is worth waiting for', () => {
    expect(isDatabaseUnreachable(pgError('57P01'))).toBe(true);
    expect(isDatabaseUnreachable(pgError('40P01'))).toBe(false);
  });
});
