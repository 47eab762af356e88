import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { AuthenticatedUser, Authenticated, CurrentUser, Public } from '@updraft/auth';
import type {
  LoginResponse,
  MeResponse,
  PasswordResetRequested,
  SessionTokens,
  SignupResponse,
  UserResponse,
  VerificationSent,
} from '@updraft/api-types';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { EmailDto, LoginDto, RefreshDto, ResetPasswordDto, SignupDto, TokenDto } from './accounts.dto';
import { AccountsService } from './accounts.service';

@Controller('auth')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  /** Sign up: create an account and its tenant, and log in. */
  @Post('signup')
  @Public()
  @ApiErrors({
    409: 'The email or the tenant slug is taken.',
    429: 'Too many sign-ups from this address or on the platform: `Retry-After` says when to try again.',
  })
  signup(@Body() body: SignupDto, @Ip() ip: string): Promise<SignupResponse> {
    return this.accounts.signup(body, ip);
  }

  /** Log in with email and password. */
  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiErrors({ 401: 'Wrong email or password.', 429: 'Too many failed log-ins: `Retry-After` says when to try again.' })
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.accounts.login(body, ip);
  }

  /**
   * Swap a refresh token for new session tokens.
   *
   * @remarks
   * Swaps a refresh token for a new access token and a new refresh token; the old one is spent.
   */
  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiErrors({ 401: 'The refresh token is unknown, spent or expired.' })
  refresh(@Body() body: RefreshDto): Promise<SessionTokens> {
    return this.accounts.refresh(body);
  }

  /**
   * Log out: end the session.
   *
   * @remarks
   * Ends the session: its refresh tokens and the access tokens issued for it stop working.
   */
  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiErrors({ 401: 'The refresh token is unknown or spent.' })
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.accounts.logout(body);
  }

  /** The logged-in user and their tenants. */
  @Get('me')
  @Authenticated()
  me(@CurrentUser() current: AuthenticatedUser): Promise<MeResponse> {
    return this.accounts.me(current);
  }

  /**
   * Verify the email address with the token from the mail.
   *
   * @remarks
   * Counts only from a session of the account the link was sent for: verified then means the one
   * who holds the password also reads the mailbox. Opened by anyone else (say, the address's
   * owner after someone else signed up with it), it would make a stranger's account look owned.
   */
  @Post('verifyEmail')
  @HttpCode(200)
  @Authenticated()
  @ApiErrors({
    403: 'The link is for another account: log in as the account that signed up with this address.',
    410: 'The link was already used or has expired.',
  })
  verifyEmail(@Body() body: TokenDto, @CurrentUser() current: AuthenticatedUser): Promise<UserResponse> {
    return this.accounts.verifyEmail(body, current);
  }

  /** Send the verification mail again. */
  @Post('verifyEmail/resend')
  @HttpCode(202)
  @Authenticated()
  resendVerification(@CurrentUser() current: AuthenticatedUser): Promise<VerificationSent> {
    return this.accounts.resendVerification(current);
  }

  /**
   * Ask for a password reset mail.
   *
   * @remarks
   * Always 202, whether or not the address has an account, so the answer reveals nothing.
   */
  @Post('passwordReset')
  @HttpCode(202)
  @Public()
  @ApiErrors({ 429: 'Too many requests: `Retry-After` says when to try again.' })
  requestPasswordReset(@Body() body: EmailDto, @Ip() ip: string): Promise<PasswordResetRequested> {
    return this.accounts.requestPasswordReset(body, ip);
  }

  /**
   * Set a new password with the token from the reset mail.
   *
   * @remarks
   * Sets the new password, ends every session of the account, and counts the address as verified.
   */
  @Post('passwordReset/confirm')
  @HttpCode(200)
  @Public()
  @ApiErrors({ 410: 'The link was already used or has expired.' })
  confirmPasswordReset(@Body() body: ResetPasswordDto): Promise<UserResponse> {
    return this.accounts.confirmPasswordReset(body);
  }
}
