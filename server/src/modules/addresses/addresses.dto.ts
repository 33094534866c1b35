import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import type { AddressInput, AddressView } from '@linli/shared';
import { Trim, OptionalNonNull } from '../../common/validation';
import type { Address } from './entities/address.entity';


export class AddressDto implements AddressInput {
  @ApiProperty() @Trim() @IsString() @Length(1, 32) name: string;
  @ApiProperty({ example: '13800138000' }) @Matches(/^1[3-9]\d{9}$/, { message: 'phone must be an 11-digit mainland mobile number' }) phone: string;
  @ApiProperty() @Trim() @IsString() @Length(1, 32) province: string;
  @ApiProperty() @Trim() @IsString() @Length(1, 32) city: string;
  @ApiProperty() @Trim() @IsString() @Length(1, 32) district: string;
  @ApiProperty({ minLength: 2, maxLength: 128 }) @Trim() @IsString() @Length(2, 128) detail: string;
  @ApiPropertyOptional() @OptionalNonNull() @IsBoolean() isDefault?: boolean;
}

export const toAddressView = (a: Address): AddressView => ({
  id: a.id, name: a.name, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail, isDefault: a.isDefault,
});
