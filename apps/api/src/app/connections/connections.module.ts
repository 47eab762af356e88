import { Module } from '@nestjs/common';
import { EgressModule } from '@updraft/egress';
import { ConnectionTestService } from './connection-test.service';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';

@Module({
  imports: [EgressModule],
  controllers: [ConnectionsController],
  providers: [ConnectionTestService, ConnectionsService],
})
export class ConnectionsModule {}
