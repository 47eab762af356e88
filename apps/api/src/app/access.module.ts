import { Module } from '@nestjs/common';
import { EgressModule } from '@updraft/egress';
import { SecretsModule } from '@updraft/secrets';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ConnectionTestService } from './connections/connection-test.service';
import { ConnectionsController } from './connections/connections.controller';
import { MembersController } from './members/members.controller';
import { TeamsController } from './teams/teams.controller';
import { VariablesController } from './variables/variables.controller';

/** Teams, machine tokens, and the variables and connections tasks read through the sandbox. */
@Module({
  imports: [SecretsModule, EgressModule],
  controllers: [MembersController, TeamsController, ApiTokensController, VariablesController, ConnectionsController],
  providers: [ConnectionTestService],
})
export class AccessModule {}
