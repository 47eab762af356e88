import { Module } from '@nestjs/common';
import { ConfigModule, UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { EgressPolicy } from './egress-policy';

@Module({
  imports: [ConfigModule],
  providers: [
    {
      provide: EgressPolicy,
      inject: [UPDRAFT_CONFIG],
      useFactory: (config: UpdraftConfig) =>
        new EgressPolicy({
          allowPrivateNetworks: config.egressAllowPrivateNetworks,
          allowedHosts: config.egressAllowedHosts,
        }),
    },
  ],
  exports: [EgressPolicy],
})
export class EgressModule {}
