import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AdminGuard, OptionalShopperGuard, ShopperGuard } from './auth';
import { RateLimitGuard, RateLimiter } from './rate-limit';
import { SelfUrl } from './self-url';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwt.secret, signOptions: { expiresIn: config.jwt.ttlSeconds } }),
    }),
  ],
  providers: [ShopperGuard, OptionalShopperGuard, AdminGuard, SelfUrl, RateLimiter, RateLimitGuard],
  exports: [JwtModule, ShopperGuard, OptionalShopperGuard, AdminGuard, SelfUrl, RateLimiter, RateLimitGuard],
})
export class CommonModule {}
