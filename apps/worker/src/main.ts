import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app/app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule);
  // Not enableShutdownHooks(): that re-raises the signal after closing; a drained worker exits 0.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      Logger.log(`${signal}: draining`, 'Worker');
      app.close().then(
        () => process.exit(0),
        (error) => {
          Logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`, 'Worker');
          process.exit(1);
        },
      );
    });
  }
  Logger.log('Updraft worker started', 'Worker');
}

bootstrap().catch((error) => {
  Logger.error(error instanceof Error ? error.message : String(error), 'Worker');
  process.exit(1);
});
