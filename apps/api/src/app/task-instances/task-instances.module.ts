import { Module } from '@nestjs/common';
import { DagRunsModule } from '../dag-runs/dag-runs.module';
import { TaskDependenciesService } from './task-dependencies.service';
import { TaskInstancesController } from './task-instances.controller';
import { TaskInstancesService } from './task-instances.service';

@Module({
  imports: [DagRunsModule],
  controllers: [TaskInstancesController],
  providers: [TaskDependenciesService, TaskInstancesService],
})
export class TaskInstancesModule {}
