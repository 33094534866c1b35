import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DEMO_SHOPPERS, SimulatedLoginBehaviour, WechatSimulatorService } from './wechat-simulator.service';

class IssueCodeDto {
  @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'openid must be 6-64 letters, digits, _ or -' })
  openid: string;

  @IsOptional() @IsIn(['ok', 'busy', 'rate_limited', 'blocked'])
  behaviour?: SimulatedLoginBehaviour;
}

/** Mounted under /sim/wechat only outside production. */
@ApiExcludeController()
@Controller('sim/wechat')
export class WechatSimulatorController {
  constructor(private readonly simulator: WechatSimulatorService) {}

  /** WeChat's own protocol: always 200 with either the session or errcode/errmsg. */
  @Get('sns/jscode2session')
  jscode2session(@Query() query: Record<string, string | undefined>): Record<string, unknown> {
    return this.simulator.jscode2session(query);
  }

  /** What `wx.login` does on a phone: the H5 build and tests get a code for a chosen shopper here. */
  @Post('dev/login-code')
  @HttpCode(200)
  issueCode(@Body() dto: IssueCodeDto): { code: string } {
    return { code: this.simulator.issueCode(dto.openid, dto.behaviour) };
  }

  @Post('cgi-bin/stable_token')
  @HttpCode(200)
  stableToken(@Body() body: Record<string, never>): Record<string, unknown> {
    return this.simulator.stableToken(body);
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
  uploadShippingInfo(@Query('access_token') token: string | undefined, @Body() body: Record<string, unknown>): Record<string, unknown> {
    return this.simulator.uploadShippingInfo(token, body);
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
