import { Module } from '@nestjs/common';
import { AuthModule } from '@updraft/auth';
import { AccountsModule } from '../accounts/accounts.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [AuthModule, AccountsModule],
  controllers: [InvitationsController],
  providers: [InvitationsService],
})
export class InvitationsModule {}
