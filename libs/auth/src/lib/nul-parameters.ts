import { BadRequestException } from '@nestjs/common';

const hasNul = (value: unknown) => JSON.stringify(value ?? '').includes('\\u0000');

/**
 * PostgreSQL text cannot hold a NUL character: a path or query parameter with one would fail its
 * query with a 500. Refused first, with a 400 naming the parameter.
 */
export function refuseNulInParameters(request: { params?: Record<string, unknown>; query?: unknown }): void {
  for (const [kind, values] of [
    ['path', request.params],
    ['query', request.query],
  ] as const) {
    for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      if (hasNul(name) || hasNul(value)) {
        throw new BadRequestException({
          message: `${kind} parameter '${hasNul(name) ? JSON.stringify(name).slice(1, -1) : name}' must not contain a NUL character (\\u0000)`,
          details: [{ field: name, problems: ['contains a NUL character'] }],
        });
      }
    }
  }
}
