import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { ApiExceptionFilter } from './api-exception.filter';
import { featureException } from './api-exception';

function respond(exception: unknown): { status: number; body: Record<string, unknown> } {
  const captured = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    status: (s: number) => ((captured.status = s), { json: (b: Record<string, unknown>) => (captured.body = b) }),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return captured;
}

describe('ApiExceptionFilter', () => {
  it('keeps the status and message of HTTP errors, with details', () => {
    expect(
      respond(new BadRequestException({ message: 'email must be an email', details: [{ field: 'email' }] })),
    ).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'email must be an email', details: [{ field: 'email' }] },
    });
    expect(respond(new NotFoundException("DAG 'x' not found")).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: "DAG 'x' not found",
    });
  });

  it('hides unexpected errors behind a plain 500 without a stack trace', () => {
    const { status, body } = respond(new Error('connection string postgres://secret@db leaked?'));
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
    expect(JSON.stringify(body)).not.toMatch(/secret|at \w+/);
  });

  it('names body-parser failures', () => {
    expect(respond({ type: 'entity.too.large' }).body['statusCode']).toBe(413);
    expect(respond({ type: 'entity.parse.failed' }).body['message']).toBe('request body is not valid JSON');
  });
});

describe('ApiExceptionFilter with coded exceptions', () => {
  const TestException = featureException('TestException', { gone: 'notFound', taken: 'conflict' });

  it('answers a coded exception with the status of its kind, in the same shape', () => {
    expect(respond(new TestException('gone', "pool 'x' not found"))).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: "pool 'x' not found" },
    });
    expect(respond(new TestException('taken', 'exists', [{ field: 'name' }])).body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'exists',
      details: [{ field: 'name' }],
    });
  });
});
