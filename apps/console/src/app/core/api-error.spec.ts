import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorMessage } from './api-error';

const httpError = (status: number, error: unknown) => new HttpErrorResponse({ status, error, statusText: 'X' });

describe('apiErrorMessage', () => {
  it('uses the API’s message', () => {
    expect(apiErrorMessage(httpError(400, { statusCode: 400, message: 'email must be an email' }))).toBe(
      'email must be an email',
    );
  });

  it('joins a list of validation messages', () => {
    expect(apiErrorMessage(httpError(400, { statusCode: 400, message: ['a is bad', 'b is bad'] }))).toBe(
      'a is bad; b is bad',
    );
  });

  it('explains a network failure', () => {
    expect(apiErrorMessage(httpError(0, null))).toContain('Cannot reach the server');
  });

  it('falls back to the status when the body is not the API’s JSON', () => {
    expect(apiErrorMessage(httpError(502, '<html>Bad gateway</html>'))).toBe('Request failed (502 X).');
  });

  it('never shows the text of a non-HTTP error', () => {
    expect(apiErrorMessage(new Error('TypeError at foo.ts:12'))).toBe('Something went wrong.');
  });
});
