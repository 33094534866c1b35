import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuthController } from './admin-auth.controller';
import { AdminAuthService } from './admin-auth.service';
import { AdminLoginFailure } from './entities/admin-login-failure.entity';
import { AdminUser } from './entities/admin-user.entity';

@Module({ imports: [TypeOrmModule.forFeature([AdminUser, AdminLoginFailure])], controllers: [AdminAuthController], providers: [AdminAuthService], exports: [AdminAuthService] })
export class AdminAuthModule {}
