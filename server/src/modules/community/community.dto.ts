import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsLatitude, IsLongitude, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { INVITE_CODE_LENGTH, STORE_STATES, StoreState } from '@linli/shared';
import { IsId, OptionalNonNull, SaneDate, Trim } from '../../common/validation';

const MAX_ID = 2_147_483_647;

export class StoreListQuery {
  @ApiPropertyOptional({ description: 'The shopper\'s latitude; with longitude, stores come nearest first' })
  @OptionalNonNull() @Type(() => Number) @IsLatitude() latitude?: number;

  @ApiPropertyOptional() @OptionalNonNull() @Type(() => Number) @IsLongitude() longitude?: number;
}

export class CreateStoreDto {
  @ApiProperty({ maxLength: 40 }) @Trim() @IsString() @Length(1, 40) name: string;
  @ApiProperty({ maxLength: 200 }) @Trim() @IsString() @Length(1, 200) address: string;
  @ApiProperty({ maxLength: 20 }) @Trim() @IsString() @Length(1, 20) district: string;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLatitude() latitude: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLongitude() longitude: number;
  @ApiProperty({ maxLength: 40, example: '08:00-21:00' }) @Trim() @IsString() @Length(1, 40) hours: string;
  @ApiProperty({ maxLength: 20 }) @Trim() @Matches(/^[0-9+\- ]{5,20}$/, { message: 'phone must be 5-20 digits, +, - or spaces' }) phone: string;
  @ApiPropertyOptional({ maxLength: 255 }) @OptionalNonNull() @Matches(/^https:\/\/\S{1,247}$/, { message: 'photo must be an https URL' }) photo?: string;
}

export class UpdateStoreDto {
  @ApiPropertyOptional({ maxLength: 40 }) @OptionalNonNull() @Trim() @IsString() @Length(1, 40) name?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @OptionalNonNull() @Trim() @IsString() @Length(1, 200) address?: string;
  @ApiPropertyOptional({ maxLength: 20 }) @OptionalNonNull() @Trim() @IsString() @Length(1, 20) district?: string;
  @ApiPropertyOptional() @OptionalNonNull() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLatitude() latitude?: number;
  @ApiPropertyOptional() @OptionalNonNull() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLongitude() longitude?: number;
  @ApiPropertyOptional({ maxLength: 40 }) @OptionalNonNull() @Trim() @IsString() @Length(1, 40) hours?: string;
  @ApiPropertyOptional({ maxLength: 20 }) @OptionalNonNull() @Matches(/^[0-9+\- ]{5,20}$/, { message: 'phone must be 5-20 digits, +, - or spaces' }) phone?: string;
  @ApiPropertyOptional({ maxLength: 255 }) @OptionalNonNull() @Matches(/^https:\/\/\S{1,247}$/, { message: 'photo must be an https URL' }) photo?: string;
  @ApiPropertyOptional({ enum: STORE_STATES }) @OptionalNonNull() @IsIn(STORE_STATES) state?: StoreState;
}

export class SetLeaderDto {
  @ApiProperty({ nullable: true, description: 'The shopper who runs the store, or null to remove the leader' })
  @ValidateIf((_, v) => v !== null) @IsId() userId: number | null;
}

export class JoinStaffDto {
  @ApiProperty({ minLength: INVITE_CODE_LENGTH, maxLength: INVITE_CODE_LENGTH })
  @Trim() @IsString() @Matches(/^[A-Za-z0-9]{8}$/, { message: 'code must be 8 letters or digits' }) code: string;
}

export class VerifyPickupDto {
  @ApiProperty({ maxLength: 40, description: 'The 16 digits as scanned or typed (spaces and dashes allowed)' })
  @IsString() @Length(1, 40) code: string;
}

export class StoreView {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty() district: string;
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
  @ApiProperty() hours: string;
  @ApiProperty() phone: string;
  @ApiProperty({ nullable: true, type: String }) photo: string | null;
  @ApiProperty({ enum: STORE_STATES }) state: StoreState;
  @ApiProperty({ nullable: true, type: Number, description: 'metres from the shopper, when a location was given' }) distance: number | null;
}

export class AdminStoreView extends StoreView {
  @ApiProperty({ nullable: true, type: Number }) leaderUserId: number | null;
  @ApiProperty() staffCount: number;
}

export class StaffView {
  @ApiProperty() userId: number;
  @ApiProperty({ description: 'masked' }) name: string;
  @ApiProperty() since: string;
}

export class InviteView {
  @ApiProperty() code: string;
  @ApiProperty() expiresAt: string;
}

export class MyStoreRoleView {
  @ApiProperty({ enum: ['leader', 'staff'], nullable: true, type: String }) role: 'leader' | 'staff' | null;
  @ApiProperty({ nullable: true, type: StoreView }) store: StoreView | null;
}

export class PickupView {
  @ApiProperty() orderId: number;
  @ApiProperty() orderNo: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String, description: '16 digits; only the order\'s owner reads it' }) code: string | null;
  @ApiProperty({ type: StoreView }) store: StoreView;
  @ApiProperty({ nullable: true, type: String }) readyAt: string | null;
  @ApiProperty({ nullable: true, type: String }) pickedUpAt: string | null;
}

export class VerifiedPickupView {
  @ApiProperty() orderId: number;
  @ApiProperty() orderNo: string;
  @ApiProperty({ description: 'the buyer, masked' }) buyer: string;
  @ApiProperty({ type: [Object], description: 'title, spec and quantity of each line' }) lines: { title: string; spec: string; quantity: number }[];
  @ApiProperty() pickedUpAt: string;
}

export class WaitingOrderView {
  @ApiProperty() orderId: number;
  @ApiProperty() orderNo: string;
  @ApiProperty({ description: 'masked' }) buyer: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ nullable: true, type: String }) readyAt: string | null;
  @ApiProperty({ description: 'waiting longer than the overdue threshold' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: String, description: "The buyer's pickup phone, masked (138****1234), when they gave one" }) phone: string | null;
}

export class WaitingQuery {
  @ApiPropertyOptional({ description: "The last 4 to 11 digits of the buyer's pickup phone" })
  @OptionalNonNull() @Trim() @Matches(/^\d{4,11}$/, { message: 'phoneTail must be 4-11 digits' }) phoneTail?: string;
}

export class ContactPhoneDto {
  @ApiProperty({ maxLength: 128, description: "The code from WeChat's getPhoneNumber button" })
  @IsString() @Matches(/^[A-Za-z0-9_-]{8,128}$/, { message: 'phoneCode must be the code from the phone button' }) phoneCode: string;
}

export class ContactPhoneView {
  @ApiProperty({ nullable: true, type: String, description: 'Masked (138****1234), or null when none was given' }) phone: string | null;
}

export class PickupReportView {
  @ApiProperty() storeId: number;
  @ApiProperty() pickedUp: number;
  @ApiProperty() waiting: number;
  @ApiProperty({ description: 'waiting longer than the overdue threshold (days)' }) overdue: number;
  @ApiProperty() overdueDays: number;
}

export class CampaignItemDto {
  @ApiProperty() @IsId() skuId: number;
  @ApiProperty({ description: 'campaign price, fen' }) @IsInt() @Min(1) @Max(100_000_000) price: number;
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000) stock: number;
  @ApiProperty() @IsInt() @Min(1) @Max(999) perUserLimit: number;
}

export class CreateCommunityCampaignDto {
  @ApiProperty({ maxLength: 60 }) @Trim() @IsString() @Length(1, 60) title: string;
  @ApiProperty() @SaneDate() startsAt: Date;
  @ApiProperty({ description: 'order cut-off: nothing is sold from then, unpaid orders expire at it' }) @SaneDate() cutoffAt: Date;
  @ApiProperty({ example: '2026-12-02' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'pickupDate must be YYYY-MM-DD' }) pickupDate: string;
  @ApiPropertyOptional({ type: [Number], nullable: true, description: 'chosen stores; omit or null for every open store' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsInt({ each: true }) @Min(1, { each: true }) @Max(MAX_ID, { each: true }) storeIds?: number[] | null;
  @ApiPropertyOptional({ description: 'leader commission, basis points of line nets; omit for the default' }) @OptionalNonNull() @IsInt() @Min(0) @Max(3000) commissionRateBps?: number;
  @ApiPropertyOptional() @OptionalNonNull() @IsBoolean() couponsAllowed?: boolean;
  @ApiProperty({ type: [CampaignItemDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => CampaignItemDto) items: CampaignItemDto[];
}

export class CampaignQuery {
  @ApiPropertyOptional({ description: 'only campaigns this store offers' }) @OptionalNonNull() @Type(() => Number) @IsId() storeId?: number;
}

export class CampaignOrderDto {
  @ApiProperty() @IsId() campaignId: number;
  @ApiProperty() @IsId() skuId: number;
  @ApiProperty() @IsInt() @Min(1) @Max(999) quantity: number;
  @ApiProperty() @IsId() storeId: number;
  @ApiPropertyOptional() @OptionalNonNull() @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'requestKey must be 8-64 letters, digits, _ or -' }) requestKey?: string;
  @ApiPropertyOptional({ description: 'One of your coupons, when the campaign allows coupons; the server re-checks it and computes the discount' })
  @OptionalNonNull() @IsId() couponId?: number;
}

export class CampaignPreviewDto extends OmitType(CampaignOrderDto, ['requestKey', 'couponId'] as const) {
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'One of your coupons; null for none; omit to get the best one' }) @IsOptional() @IsId() couponId?: number | null;
}

export class ShortageDto {
  @ApiProperty() @IsId() skuId: number;
  @ApiProperty({ description: 'units that did not arrive' }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
}

export class ArriveDto {
  @ApiProperty({ type: [ShortageDto], description: 'empty when everything arrived' })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ShortageDto) shortages: ShortageDto[];
}

export class CampaignItemView {
  @ApiProperty() itemId: number;
  @ApiProperty() skuId: number;
  @ApiProperty() productId: number;
  @ApiProperty() title: string;
  @ApiProperty() cover: string;
  @ApiProperty() spec: string;
  @ApiProperty() price: number;
  @ApiProperty() originalPrice: number;
  @ApiProperty() left: number;
  @ApiProperty() perUserLimit: number;
}

export class CampaignView {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() cutoffAt: string;
  @ApiProperty() pickupDate: string;
  @ApiProperty({ enum: ['upcoming', 'selling', 'closed'] }) phase: string;
  @ApiProperty({ type: [Number], nullable: true }) storeIds: number[] | null;
  @ApiProperty({ nullable: true, type: Number }) commissionRateBps: number | null;
  @ApiProperty() couponsAllowed: boolean;
  @ApiProperty({ type: [CampaignItemView] }) items: CampaignItemView[];
}

export class SkuTotalView {
  @ApiProperty() skuId: number;
  @ApiProperty() title: string;
  @ApiProperty() spec: string;
  @ApiProperty() quantity: number;
}

export class BatchView {
  @ApiProperty() id: number;
  @ApiProperty() campaignId: number;
  @ApiProperty() campaignTitle: string;
  @ApiProperty() pickupDate: string;
  @ApiProperty() storeId: number;
  @ApiProperty() storeName: string;
  @ApiProperty({ enum: ['pending', 'shipping', 'arrived'] }) status: string;
  @ApiProperty() orderCount: number;
  @ApiProperty({ type: [SkuTotalView] }) totals: SkuTotalView[];
  @ApiProperty({ type: [ShortageDto], nullable: true }) shortages: { skuId: number; quantity: number }[] | null;
  @ApiProperty({ nullable: true, type: String }) shippedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) arrivedAt: string | null;
}

export class PickListOrderView {
  @ApiProperty() orderNo: string;
  @ApiProperty({ description: 'masked' }) buyer: string;
  @ApiProperty({ type: [Object] }) lines: { skuId: number; title: string; spec: string; quantity: number }[];
}

export class PickListView extends BatchView {
  @ApiProperty({ type: [PickListOrderView] }) orders: PickListOrderView[];
}

export class ApplyLeaderDto {
  @ApiProperty({ maxLength: 40 }) @Trim() @IsString() @Length(1, 40) storeName: string;
  @ApiProperty({ maxLength: 200 }) @Trim() @IsString() @Length(1, 200) address: string;
  @ApiProperty({ maxLength: 20 }) @Trim() @IsString() @Length(1, 20) district: string;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLatitude() latitude: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLongitude() longitude: number;
  @ApiProperty({ maxLength: 40, example: '08:00-21:00' }) @Trim() @IsString() @Length(1, 40) hours: string;
  @ApiProperty({ maxLength: 128, description: "The code from WeChat's getPhoneNumber button; the server exchanges it for the number" })
  @IsString() @Matches(/^[A-Za-z0-9_-]{8,128}$/, { message: 'phoneCode must be the code from the phone button' }) phoneCode: string;
}

export class LeaderApplicationView {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status: 'pending' | 'approved' | 'rejected';
  @ApiProperty() storeName: string;
  @ApiProperty() address: string;
  @ApiProperty() district: string;
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
  @ApiProperty() hours: string;
  @ApiProperty({ description: 'Masked for the applicant (138****1234), whole for operators' }) phone: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: Number }) storeId: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
}

export class MyLeaderApplicationView {
  @ApiProperty({ nullable: true, type: LeaderApplicationView, description: 'The latest application, or null' }) application: LeaderApplicationView | null;
}

export class AdminLeaderApplicationView extends LeaderApplicationView {
  @ApiProperty() userId: number;
  @ApiProperty() nickname: string;
}

export class ApplicationListQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] }) @OptionalNonNull() @IsIn(['pending', 'approved', 'rejected']) status?: 'pending' | 'approved' | 'rejected';
}

export class ApproveApplicationDto {
  @ApiPropertyOptional({ description: 'Make them leader of this existing store (it must have no leader); without it a new store is opened from the application' })
  @OptionalNonNull() @IsId() storeId?: number;
}

export class RejectApplicationDto {
  @ApiProperty({ maxLength: 200 }) @Trim() @IsString() @Length(1, 200) reason: string;
}

export class ArrivalNoticeView {
  @ApiProperty({ nullable: true, type: String, description: 'The 到店提醒 template to ask consent for (requestSubscribeMessage), or null when not set up' }) templateId: string | null;
  @ApiProperty({ description: 'Whether this order will send the message when its goods arrive' }) subscribed: boolean;
}

export class DailyReportView {
  @ApiProperty({ description: 'China date, YYYY-MM-DD' }) date: string;
  @ApiProperty() storeName: string;
  @ApiProperty({ description: 'Pickup orders at this store paid today (China time), refunded ones left out' }) orders: number;
  @ApiProperty({ description: 'Distinct shoppers among them' }) shoppers: number;
  @ApiProperty({ description: 'Units sold today' }) units: number;
  @ApiProperty({ description: 'Top products by units today', type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, quantity: { type: 'integer' } } } })
  topProducts: { title: string; quantity: number }[];
  @ApiProperty({ description: 'Orders waiting for pickup now' }) waitingOrders: number;
  @ApiProperty({ description: 'Units waiting for pickup now' }) waitingUnits: number;
  @ApiProperty({ description: 'Latest buyers today, masked (小*), at most 8', type: [String] }) recentBuyers: string[];
}

export class OverdueNoticeView {
  @ApiProperty({ nullable: true, type: String, description: 'The 逾期未取提醒 template to ask consent for (requestSubscribeMessage), or null when not set up' }) templateId: string | null;
  @ApiProperty({ description: 'Messages the leader has consented to and not yet received (one per overdue order)' }) credits: number;
  @ApiProperty({ description: 'Days after arrival an order counts as overdue' }) overdueDays: number;
}

export class ArrivalTemplateView {
  @ApiProperty({ nullable: true, type: String, description: 'The 到店提醒 template id, or null when not set up' }) templateId: string | null;
}
