import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../../common/auth';
import { AdminLoginDto, AdminLoginResult, AdminUserView, CreateAdminUserDto } from './admin-auth.dto';
import { AdminAuthService } from './admin-auth.service';

@ApiTags('admin: auth')
@Controller('admin')
export class AdminAuthController {
  constructor(private readonly service: AdminAuthService) {}

  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: AdminLoginDto): Promise<AdminLoginResult> {
    return this.service.login(dto.username, dto.password);
  }

  @Get('users')
  @AdminAuth('admin')
  list(): Promise<AdminUserView[]> {
    return this.service.list();
  }

  @Post('users')
  @AdminAuth('admin')
  create(@Body() dto: CreateAdminUserDto): Promise<AdminUserView> {
    return this.service.create(dto);
  }
}
