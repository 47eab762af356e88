import { BadRequestException, GoneException } from '@nestjs/common';

/** A mailed token that cannot be used: 400 when it is not one of ours, 410 when it was used or has expired. */
export function refuseToken(kind: string, reason: 'unknown' | 'used' | 'expired'): never {
  const details = [{ field: 'token', reason }];
  if (reason === 'unknown') throw new BadRequestException({ message: `this ${kind} link is not valid`, details });
  throw new GoneException({
    message:
      reason === 'used' ? `this ${kind} link was already used` : `this ${kind} link has expired; ask for a new one`,
    details,
  });
}
