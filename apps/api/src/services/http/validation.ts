import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function flatten(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // A missing field fails every rule it has; "is required" is the one problem worth naming.
    const problems = e.constraints && (e.value === undefined ? [`${field} is required`] : Object.values(e.constraints));
    const own = problems ? [{ field, problems }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Validates bodies and queries, rejecting unknown fields, with a 400 that names each bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new BadRequestException({ message: details.map((d) => d.problems.join(', ')).join('; '), details });
    },
  });
}
