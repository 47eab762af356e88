import {
  ConflictException,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  BadRequestException,
} from '@nestjs/common';
import { AuthenticatedUser, PasswordHasher, hashOpaqueToken } from '@updraft/auth';
import { passwordProblem } from '@updraft/domain';
import {
  AccountRepository,
  DuplicateAccountError,
  OneTimeTokenRepository,
  SessionRepository,
} from '@updraft/persistence';
import type {
  LoginResponse,
  MeResponse,
  PasswordResetRequested,
  SessionTokens,
  SignupResponse,
  TenantMembership,
  User,
  UserResponse,
  VerificationSent,
} from '@updraft/api-types';
import { AccountMailService, mailDelivery } from './account-mail.service';
import type { EmailDto, LoginDto, RefreshDto, ResetPasswordDto, SignupDto, TokenDto } from './accounts.dto';
import { LoginThrottle } from './login-throttle.service';
import { SessionsService } from './sessions.service';
import { SignupThrottle } from './signup-throttle.service';
import { refuseToken } from './one-time-token-errors';

// Verifying against a fixed hash when the user is unknown keeps log-in timing the same either way.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$0Ww3q6J4bq+VjL1oRPyV7bXgU6oAX0ae8p3kmbPSG5I';

/** Accounts: sign-up, log-in and tokens, the signed-in user, email verification and password reset. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly sessionStore: SessionRepository,
    private readonly throttle: LoginThrottle,
    private readonly signupThrottle: SignupThrottle,
    private readonly mails: AccountMailService,
    private readonly oneTimeTokens: OneTimeTokenRepository,
  ) {}

  async signup(body: SignupDto, ip: string): Promise<SignupResponse> {
    await this.signupThrottle.check(ip);
    const passwordHash = await this.hasher.hash(body.password);
    try {
      const { user, tenant } = await this.accounts.createTenantWithOwner({
        email: body.email,
        passwordHash,
        tenantSlug: body.tenantSlug,
        tenantName: body.tenantName ?? body.tenantSlug,
      });
      const { token } = await this.mails.send({ purpose: 'verify_email', email: user.email, userId: user.id });
      const tokens = await this.sessions.start(user, ip);
      return {
        ...tokens,
        user: { id: user.id, email: user.email, emailVerified: false },
        tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
        role: 'owner',
        verification: mailDelivery(token),
      };
    } catch (error) {
      if (error instanceof DuplicateAccountError)
        throw new ConflictException({ message: error.message, details: [{ field: error.field }] });
      throw error;
    }
  }

  async login(body: LoginDto, ip: string): Promise<LoginResponse> {
    await this.throttle.check(ip, body.email);
    const user = await this.accounts.findUserByEmail(body.email);
    const valid = user
      ? await this.hasher.verify(user.passwordHash, body.password)
      : await this.hasher.verify(DUMMY_HASH, body.password);
    if (!user || !valid) {
      await this.throttle.recordFailure(ip, body.email);
      throw new UnauthorizedException('invalid email or password');
    }
    await this.throttle.recordSuccess(ip, body.email);
    const tokens = await this.sessions.start(user, ip);
    return {
      ...tokens,
      user: { id: user.id, email: user.email, emailVerified: user.emailVerifiedAt !== null },
      tenants: await this.tenantsOf(user.id),
    };
  }

  refresh(body: RefreshDto): Promise<SessionTokens> {
    return this.sessions.refresh(body.refreshToken);
  }

  async logout(body: RefreshDto): Promise<void> {
    await this.sessions.logout(body.refreshToken);
  }

  async me(current: AuthenticatedUser): Promise<MeResponse> {
    return { user: await this.userOf(current.id), tenants: await this.tenantsOf(current.id) };
  }

  async verifyEmail(body: TokenDto, current: AuthenticatedUser): Promise<UserResponse> {
    const result = await this.oneTimeTokens.consume('verify_email', hashOpaqueToken(body.token), async (token, tx) => {
      if (token.userId !== current.id) {
        throw new ForbiddenException({
          message:
            'this verification link is for another account: log in as the account that signed up with this address, then open the link again',
          details: [{ field: 'token', reason: 'other_account' }],
        });
      }
      await this.accounts.markEmailVerified(token.userId as string, tx);
      return token.userId as string;
    });
    if (!result.ok) refuseToken('verification', result.reason);
    return { user: await this.userOf(result.value) };
  }

  async resendVerification(current: AuthenticatedUser): Promise<VerificationSent> {
    const user = await this.userOf(current.id);
    if (user.emailVerified) return { sent: false };
    const { token } = await this.mails.send({ purpose: 'verify_email', email: user.email, userId: user.id });
    return { sent: true, delivery: mailDelivery(token) };
  }

  async requestPasswordReset(body: EmailDto, ip: string): Promise<PasswordResetRequested> {
    await this.throttle.check(ip, body.email);
    const user = await this.accounts.findUserByEmail(body.email);
    if (user) this.mails.sendInBackground({ purpose: 'reset_password', email: user.email, userId: user.id });
    return {
      message: 'if an account has this address, a reset link is on its way',
      delivery: { status: 'queued', attempts: 0, lastError: null, sentAt: null },
    };
  }

  async confirmPasswordReset(body: ResetPasswordDto): Promise<UserResponse> {
    const result = await this.oneTimeTokens.consume(
      'reset_password',
      hashOpaqueToken(body.token),
      async (token, tx) => {
        const problem = passwordProblem(body.password, token.email);
        if (problem)
          throw new BadRequestException({ message: problem, details: [{ field: 'password', problems: [problem] }] });
        const userId = token.userId as string;
        await this.accounts.setPassword(userId, await this.hasher.hash(body.password), tx);
        await this.accounts.markEmailVerified(userId, tx);
        await this.sessionStore.revokeAllOf(userId, 'password reset', tx);
        return userId;
      },
    );
    if (!result.ok) refuseToken('password reset', result.reason);
    return { user: await this.userOf(result.value) };
  }

  private async userOf(id: string): Promise<User> {
    const user = await this.accounts.findUserById(id);
    if (!user) throw new UnauthorizedException('this account no longer exists');
    return { id: user.id, email: user.email, emailVerified: user.emailVerifiedAt !== null };
  }

  private async tenantsOf(userId: string): Promise<TenantMembership[]> {
    return (await this.accounts.membershipsOf(userId)).map((m) => ({
      slug: m.tenant.slug,
      name: m.tenant.name,
      role: m.role,
    }));
  }
}
