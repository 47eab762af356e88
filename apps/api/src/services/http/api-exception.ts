import { HttpStatus } from '@nestjs/common';

/** What kind of refusal an error is; the exception filter answers each with its status. */
export const ERROR_STATUS = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  notFound: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  gone: HttpStatus.GONE,
  badGateway: HttpStatus.BAD_GATEWAY,
} as const;

export type ErrorKind = keyof typeof ERROR_STATUS;

/**
 * A refusal a feature names with a code of its own (its `<feature>.exception.ts` lists them with their kind).
 * Clients get the documented `{ statusCode, error, message, details? }`; the code is for the server's code and logs.
 */
export abstract class ApiException<Code extends string = string> extends Error {
  protected constructor(
    readonly code: Code,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The exception class of a feature: `new PoolException(PoolError.notFound, "pool 'x' not found")`. */
export function featureException<Code extends string>(name: string, kinds: Record<Code, ErrorKind>) {
  const type = class extends ApiException<Code> {
    constructor(code: Code, message: string, details?: unknown) {
      super(code, kinds[code], message, details);
    }
  };
  Object.defineProperty(type, 'name', { value: name });
  return type;
}
