import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app/app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule);
  app.enableShutdownHooks();
  Logger.log('Updraft scheduler started', 'Scheduler');
}

bootstrap().catch((error) => {
  Logger.error(error instanceof Error ? error.message : String(error), 'Scheduler');
  process.exit(1);
});
