import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { User } from './entities/user.entity';
import { NewUserHooks } from './new-user-hooks';

@Module({ imports: [TypeOrmModule.forFeature([User])], controllers: [AuthController], providers: [AuthService, NewUserHooks], exports: [NewUserHooks] })
export class AuthModule {}
