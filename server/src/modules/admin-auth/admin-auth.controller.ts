import { Body, Controller, Get, HttpCode, Ip, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminLoginDto, AdminLoginResult, AdminUserView, ChangePasswordDto, CreateAdminUserDto, UpdateAdminUserDto } from './admin-auth.dto';
import { AdminAuthService } from './admin-auth.service';

@ApiTags('admin: auth')
@Controller('admin')
export class AdminAuthController {
  constructor(private readonly service: AdminAuthService) {}

  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: AdminLoginDto, @Ip() address: string): Promise<AdminLoginResult> {
    return this.service.login(dto.username, dto.password, address);
  }

  /** Ends every session of the signed-in operator. */
  @Post('auth/logout')
  @AdminAuth()
  @HttpCode(204)
  logout(@CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.service.logout(admin.adminId);
  }

  /** Changes the signed-in operator's password and ends all their sessions. */
  @Post('auth/password')
  @AdminAuth()
  @HttpCode(204)
  changePassword(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.service.changePassword(admin.adminId, dto);
  }

  @Get('users')
  @AdminAuth()
  list(): Promise<AdminUserView[]> {
    return this.service.list();
  }

  @Post('users')
  @AdminAuth()
  create(@Body() dto: CreateAdminUserDto): Promise<AdminUserView> {
    return this.service.create(dto);
  }

  @Patch('users/:id')
  @AdminAuth()
  update(@CurrentAdmin() admin: AdminPrincipal, @Param('id', IdPipe) id: number, @Body() dto: UpdateAdminUserDto): Promise<AdminUserView> {
    return this.service.update(admin.adminId, id, dto);
  }
}
