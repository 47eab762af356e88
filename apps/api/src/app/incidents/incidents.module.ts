import { Module } from '@nestjs/common';
import { ActionLinksModule } from '../action-links/action-links.module';
import { IncidentLinks } from './incident-links';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

@Module({
  imports: [ActionLinksModule],
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentLinks],
})
export class IncidentsModule {}
