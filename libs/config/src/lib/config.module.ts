import { Global, Module } from '@nestjs/common';
import { loadConfig, UpdraftConfig } from './config';

export const UPDRAFT_CONFIG = Symbol('UPDRAFT_CONFIG');

@Global()
@Module({
  providers: [{ provide: UPDRAFT_CONFIG, useFactory: (): UpdraftConfig => loadConfig() }],
  exports: [UPDRAFT_CONFIG],
})
export class ConfigModule {}
