import { Module } from '@nestjs/common';
import { ConfigModule } from '@updraft/config';
import { Mailer } from './mailer';

@Module({
  imports: [ConfigModule],
  providers: [Mailer],
  exports: [Mailer],
})
export class MailModule {}
