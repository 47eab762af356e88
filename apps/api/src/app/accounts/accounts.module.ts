import { Module } from '@nestjs/common';
import { AuthModule } from '@updraft/auth';
import { MailModule } from '@updraft/mail';
import { RateLimitsModule } from '../../services/rate-limits/rate-limits.module';
import { AccountMailService } from './account-mail.service';
import { AccountSessionsService } from './account-sessions.service';
import { AccountSessionsController } from './account-sessions.controller';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { LoginThrottle } from './login-throttle.service';
import { SessionsService } from './sessions.service';
import { SignupThrottle } from './signup-throttle.service';

/** Sign-up, log-in, sessions, verification and password reset; invitations reuse its sessions and mails. */
@Module({
  imports: [AuthModule, MailModule, RateLimitsModule],
  controllers: [AccountsController, AccountSessionsController],
  providers: [
    AccountsService,
    AccountSessionsService,
    LoginThrottle,
    SignupThrottle,
    SessionsService,
    AccountMailService,
  ],
  exports: [SessionsService, AccountMailService],
})
export class AccountsModule {}
