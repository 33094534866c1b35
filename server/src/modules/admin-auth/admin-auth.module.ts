import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuthController } from './admin-auth.controller';
import { AdminAuthService } from './admin-auth.service';
import { AdminUser } from './entities/admin-user.entity';

@Module({ imports: [TypeOrmModule.forFeature([AdminUser])], controllers: [AdminAuthController], providers: [AdminAuthService], exports: [AdminAuthService] })
export class AdminAuthModule {}
