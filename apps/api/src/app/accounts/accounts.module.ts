import { Module } from '@nestjs/common';
import { AuthModule } from '@updraft/auth';
import { MailModule } from '@updraft/mail';
import { AuditService } from '../audit/audit.service';
import { AccountMailService } from './account-mail.service';
import { RateLimitsModule } from '../../services/rate-limits/rate-limits.module';
import { LoginThrottle } from './login-throttle.service';
import { SessionsService } from './sessions.service';
import { SignupThrottle } from './signup-throttle.service';

const PROVIDERS = [LoginThrottle, SignupThrottle, SessionsService, AccountMailService, AuditService];

/** What the accounts, invitations and audit-log controllers use (the controllers sit in AppModule, where route checks enumerate them). */
@Module({
  imports: [AuthModule, MailModule, RateLimitsModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class AccountsModule {}
