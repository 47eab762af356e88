import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { AccessGuard } from './access.guard';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { accessTokenKey } from './signing-key';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [UPDRAFT_CONFIG],
      useFactory: (config: UpdraftConfig) => ({
        secret: accessTokenKey(config.jwtSecret),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtAccessTtlSeconds },
      }),
    }),
  ],
  providers: [JwtStrategy, PasswordHasher, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [JwtModule, PasswordHasher],
})
export class AuthModule {}
