import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ApplyRefundRequest, PaymentStatus, REFUND_STATUSES, REFUND_TYPES, RefundStatus, RefundType } from '@linli/shared';
import { KeysetPageQuery, PageQuery } from '../../common/pagination.dto';
import { IsId, OptionalNonNull, Trim } from '../../common/validation';
import { OrderLineDto } from '../orders/orders.dto';

export class ApplyRefundDto implements ApplyRefundRequest {
  @ApiProperty({ enum: REFUND_TYPES }) @IsIn(REFUND_TYPES) type: RefundType;
  @ApiProperty() @Trim() @IsString() @Length(1, 200) reason: string;
  @ApiPropertyOptional({ type: [OrderLineDto], description: 'Omit for the whole order' })
  @OptionalNonNull() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => OrderLineDto) lines?: OrderLineDto[];
}

export class RejectRefundDto {
  @ApiProperty() @Trim() @IsString() @Length(1, 200) reason: string;
}

export class AdminRefundQuery extends KeysetPageQuery {
  @ApiPropertyOptional({ enum: REFUND_STATUSES }) @OptionalNonNull() @IsIn(REFUND_STATUSES) status?: RefundStatus;
  @ApiPropertyOptional() @OptionalNonNull() @Type(() => Number) @IsId() orderId?: number;
}

const PAYMENT_STATUSES: PaymentStatus[] = ['prepaid', 'success', 'closed'];

export class AdminPaymentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES }) @OptionalNonNull() @IsIn(PAYMENT_STATUSES) status?: PaymentStatus;
  @ApiPropertyOptional({ example: '20261130000001' }) @OptionalNonNull() @Matches(/^\d{6,32}$/) orderNo?: string;
}

export class ReconciliationQuery {
  @ApiPropertyOptional({ default: 24, maximum: 720 }) @OptionalNonNull() @Type(() => Number) @IsInt() @Min(1) @Max(720) hours = 24;
}
