import { Module } from '@nestjs/common';
import { AuthModule } from '@updraft/auth';
import { AccountsModule } from '../accounts/accounts.module';
import { InvitationsController } from './invitations.controller';

@Module({
  imports: [AuthModule, AccountsModule],
  controllers: [InvitationsController],
})
export class InvitationsModule {}
