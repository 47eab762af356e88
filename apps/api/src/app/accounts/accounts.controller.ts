import { Body, ConflictException, Controller, Get, HttpCode, Ip, Post, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthenticatedUser, Authenticated, CurrentUser, PasswordHasher, Public } from '@updraft/auth';
import { AccountRepository, DuplicateAccountError } from '@updraft/persistence';
import type { LoginResponse, SignupResponse, TenantMembership, User } from '@updraft/api-types';
import { LoginDto, SignupDto } from './accounts.dto';
import { LoginThrottle } from './login-throttle.service';

@Controller('auth')
export class AccountsController {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Post('signup')
  @Public()
  async signup(@Body() body: SignupDto): Promise<SignupResponse> {
    const passwordHash = await this.hasher.hash(body.password);
    try {
      const { user, tenant } = await this.accounts.createTenantWithOwner({
        email: body.email,
        passwordHash,
        tenantSlug: body.tenantSlug,
        tenantName: body.tenantName ?? body.tenantSlug,
      });
      return { accessToken: await this.token(user), user: { id: user.id, email: user.email }, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name }, role: 'owner' };
    } catch (error) {
      if (error instanceof DuplicateAccountError) throw new ConflictException({ message: error.message, details: [{ field: error.field }] });
      throw error;
    }
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  async login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    await this.throttle.check(ip, body.email);
    const user = await this.accounts.findUserByEmail(body.email);
    const valid = user ? await this.hasher.verify(user.passwordHash, body.password) : await this.hasher.verify(DUMMY_HASH, body.password);
    if (!user || !valid) {
      await this.throttle.recordFailure(body.email);
      throw new UnauthorizedException('invalid email or password');
    }
    await this.throttle.recordSuccess(body.email);
    return { accessToken: await this.token(user), user: { id: user.id, email: user.email }, tenants: await this.tenantsOf(user.id) };
  }

  @Get('me')
  @Authenticated()
  async me(@CurrentUser() user: AuthenticatedUser): Promise<{ user: User; tenants: TenantMembership[] }> {
    return { user, tenants: await this.tenantsOf(user.id) };
  }

  private token(user: { id: string; email: string }): Promise<string> {
    return this.jwt.signAsync({ sub: user.id, email: user.email, typ: 'access' });
  }

  private async tenantsOf(userId: string): Promise<TenantMembership[]> {
    return (await this.accounts.membershipsOf(userId)).map((m) => ({ slug: m.tenant.slug, name: m.tenant.name, role: m.role }));
  }
}

// Verifying against a fixed hash when the user is unknown keeps log-in timing the same either way.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$0Ww3q6J4bq+VjL1oRPyV7bXgU6oAX0ae8p3kmbPSG5I';
