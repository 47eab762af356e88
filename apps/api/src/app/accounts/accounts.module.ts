import { Module } from '@nestjs/common';
import { AuthModule } from '@updraft/auth';
import { MailModule } from '@updraft/mail';
import { AuditService } from '../audit/audit.service';
import { AccountMailService } from './account-mail.service';
import { LoginThrottle } from './login-throttle.service';
import { SessionsService } from './sessions.service';

const PROVIDERS = [LoginThrottle, SessionsService, AccountMailService, AuditService];

/** What the accounts, invitations and audit-log controllers use (the controllers sit in AppModule, where route checks enumerate them). */
@Module({
  imports: [AuthModule, MailModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class AccountsModule {}
