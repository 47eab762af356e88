import { Global, Module } from '@nestjs/common';
import { ConfigModule, UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { SecretBox } from './secret-box';

/** Provides the platform's SecretBox, keyed from the validated configuration. */
@Global()
@Module({
  imports: [ConfigModule],
  providers: [
    {
      provide: SecretBox,
      inject: [UPDRAFT_CONFIG],
      useFactory: (config: UpdraftConfig) => new SecretBox(config.encryptionKey, config.retiredEncryptionKeys),
    },
  ],
  exports: [SecretBox],
})
export class SecretsModule {}
