import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import { OptionalNonNull } from '../../common/validation';
import { ADMIN_ROLES, AdminRole } from './entities/admin-user.entity';

export class AdminLoginDto {
  @ApiProperty({ minLength: 3, maxLength: 64 }) @IsString() @Length(3, 64) username: string;
  @ApiProperty({ minLength: 1, maxLength: 128 }) @IsString() @Length(1, 128) password: string;
}

export class CreateAdminUserDto {
  @ApiProperty({ example: 'zhang.san' }) @Matches(/^[a-z0-9_.-]{3,64}$/, { message: 'username must be 3-64 lowercase letters, digits, _ . or -' }) username: string;
  @ApiProperty({ minLength: 8, maxLength: 128 }) @IsString() @Length(8, 128) password: string;
  @ApiProperty({ enum: ADMIN_ROLES }) @IsIn(ADMIN_ROLES) role: AdminRole;
  @ApiPropertyOptional() @OptionalNonNull() @IsString() @Length(0, 64) displayName?: string;
}

/** Changing the role or disabling an account ends its sessions. */
export class UpdateAdminUserDto {
  @ApiPropertyOptional({ enum: ADMIN_ROLES }) @OptionalNonNull() @IsIn(ADMIN_ROLES) role?: AdminRole;
  @ApiPropertyOptional() @OptionalNonNull() @IsBoolean() disabled?: boolean;
  @ApiPropertyOptional() @OptionalNonNull() @IsString() @Length(0, 64) displayName?: string;
}

export class ChangePasswordDto {
  @ApiProperty({ minLength: 1, maxLength: 128 }) @IsString() @Length(1, 128) currentPassword: string;
  @ApiProperty({ minLength: 8, maxLength: 128 }) @IsString() @Length(8, 128) newPassword: string;
}

export interface AdminUserView {
  id: number;
  username: string;
  role: AdminRole;
  displayName: string;
  disabled: boolean;
}

export interface AdminLoginResult {
  token: string;
  expiresIn: number;
  admin: AdminUserView;
}
