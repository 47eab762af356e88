import { BadRequestException } from '@nestjs/common';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { createValidationPipe } from './validation';

class LoginLike {
  @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) email: string;
  @IsString() @MinLength(1) password: string;
}

async function problemsOf(body: unknown): Promise<unknown> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: LoginLike });
    return null;
  } catch (error) {
    return (error as BadRequestException).getResponse();
  }
}

describe('the validation pipe', () => {
  it('says a missing field is required, not which rule its absence breaks', async () => {
    expect(await problemsOf({ password: 'x' })).toEqual({
      message: 'email is required',
      details: [{ field: 'email', problems: ['email is required'] }],
    });
  });

  it('names the broken rules of a field that is there', async () => {
    expect(await problemsOf({ email: 'nope', password: 'x' })).toEqual({
      message: 'email must be a valid email address',
      details: [{ field: 'email', problems: ['email must be a valid email address'] }],
    });
  });
});
