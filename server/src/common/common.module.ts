import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccountStanding } from './account-standing';
import { ProxyTrust } from './client-address';
import { AdminGuard, OptionalShopperGuard, ShopperGuard } from './auth';
import { RateLimitGuard, RateLimiter } from './rate-limit';
import { LoopLag } from './loop-lag';
import { PublicCacheInterceptor, PublicReadCache } from './public-read-cache';
import { SelfUrl } from './self-url';
import { ServedRoutes } from './served-routes';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A ready KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on every
      // verify, which cost about a millisecond of CPU per request on the flash-sale path.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwt.secret)) as unknown as string,
        signOptions: { expiresIn: config.jwt.ttlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [{ provide: PublicReadCache, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new PublicReadCache(config.publicCacheTtlMs) }, PublicCacheInterceptor, ServedRoutes, { provide: ProxyTrust, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new ProxyTrust(config.trustProxy) }, AccountStanding, TokenVerifier, ShopperGuard, OptionalShopperGuard, AdminGuard, SelfUrl, RateLimiter, RateLimitGuard, LoopLag],
  exports: [PublicReadCache, PublicCacheInterceptor, JwtModule, ServedRoutes, ProxyTrust, AccountStanding, TokenVerifier, ShopperGuard, OptionalShopperGuard, AdminGuard, SelfUrl, RateLimiter, RateLimitGuard, LoopLag],
})
export class CommonModule {}
