import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DEMO_SHOPPERS, SIMULATED_APIS, SimulatedApi, SimulatedFault, SimulatedLoginBehaviour, WechatSimulatorService } from './wechat-simulator.service';

class IssueCodeDto {
  @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'openid must be 6-64 letters, digits, _ or -' })
  openid: string;

  @IsOptional() @IsIn(['ok', 'busy', 'rate_limited', 'blocked'])
  behaviour?: SimulatedLoginBehaviour;
}

class PhoneCodeDto {
  @Matches(/^1\d{10}$/, { message: 'phone must be a mainland mobile number' })
  phone: string;
}

class FaultDto {
  @IsIn(SIMULATED_APIS) api: SimulatedApi;
  /** How many of the next calls fail; 0 stops failing. */
  @IsInt() @Min(0) @Max(100_000) failNext: number;
  /** WeChat's errcode to answer with (default -1, system busy). */
  @IsOptional() @IsInt() @Min(-1) @Max(99_999_999) errcode?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000) delayMs?: number;
}

/** Mounted under /sim/wechat only outside production. */
@ApiExcludeController()
@Controller('sim/wechat')
export class WechatSimulatorController {
  constructor(private readonly simulator: WechatSimulatorService) {}

  /** WeChat's own protocol: always 200 with either the session or errcode/errmsg. */
  @Get('sns/jscode2session')
  async jscode2session(@Query() query: Record<string, string | undefined>): Promise<Record<string, unknown>> {
    return (await this.simulator.injectedFailure('jscode2session')) ?? this.simulator.jscode2session(query);
  }

  /** What `wx.login` does on a phone: the H5 build and tests get a code for a chosen shopper here. */
  @Post('dev/login-code')
  @HttpCode(200)
  issueCode(@Body() dto: IssueCodeDto): { code: string } {
    return { code: this.simulator.issueCode(dto.openid, dto.behaviour) };
  }

  @Post('cgi-bin/stable_token')
  @HttpCode(200)
  async stableToken(@Body() body: Record<string, never>): Promise<Record<string, unknown>> {
    return (await this.simulator.injectedFailure('stable_token')) ?? this.simulator.stableToken(body);
  }

  @Post('wxa/getwxacodeunlimit')
  @HttpCode(200)
  async wxaCode(@Query('access_token') token: string | undefined, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.simulator.wxaCodeUnlimit(token, body);
    if ('image' in answer) void reply.type('image/png').send(answer.image);
    else void reply.type('application/json').send(answer.error);
  }

  @Post('wxa/sec/order/upload_shipping_info')
  @HttpCode(200)
  async uploadShippingInfo(@Query('access_token') token: string | undefined, @Body() body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return (await this.simulator.injectedFailure('upload_shipping_info')) ?? this.simulator.uploadShippingInfo(token, body);
  }

  @Post('wxa/business/getuserphonenumber')
  @HttpCode(200)
  async getUserPhoneNumber(@Query('access_token') token: string | undefined, @Body() body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return (await this.simulator.injectedFailure('getuserphonenumber')) ?? this.simulator.getUserPhoneNumber(token, body);
  }

  /** What the `getPhoneNumber` button does on a phone: the H5 build and tests get a code for a number here. */
  @Post('dev/phone-code')
  @HttpCode(200)
  issuePhoneCode(@Body() dto: PhoneCodeDto): { code: string } {
    return { code: this.simulator.issuePhoneCode(dto.phone) };
  }

  /** Test control: make the next calls to one API fail with a WeChat errcode (or be slow), then recover. */
  @Post('dev/faults')
  @HttpCode(200)
  setFault(@Body() dto: FaultDto): SimulatedFault {
    return this.simulator.setFault(dto.api, dto);
  }

  @Get('dev/stats')
  stats(): WechatSimulatorService['stats'] {
    return this.simulator.stats;
  }

  @Post('cgi-bin/message/subscribe/send')
  @HttpCode(200)
  sendSubscribeMessage(@Query('access_token') token: string | undefined, @Body() body: Record<string, unknown>): Record<string, unknown> {
    return this.simulator.sendSubscribeMessage(token, body);
  }

  @Get('dev/subscribe-messages')
  subscribeMessages(): Record<string, unknown>[] {
    return this.simulator.subscribeMessages;
  }

  @Post('dev/subscribe-refusals')
  @HttpCode(200)
  refuseSubscriptions(@Body() body: Record<string, unknown>): { openids: string[] } {
    if (Array.isArray(body.openids)) for (const o of body.openids) if (typeof o === 'string') this.simulator.refusingSubscriptions.add(o);
    return { openids: [...this.simulator.refusingSubscriptions] };
  }

  @Get('dev/shipping-reports')
  shippingReports(): Record<string, unknown>[] {
    return this.simulator.shippingReports;
  }

  @Get('dev/shoppers')
  shoppers(): readonly { openid: string; nickname: string; avatar: string }[] {
    return DEMO_SHOPPERS;
  }
}
