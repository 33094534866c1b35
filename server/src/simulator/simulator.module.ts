import { Module } from '@nestjs/common';
import { WechatPaySimulatorController } from './wechat-pay-simulator.controller';
import { WechatPaySimulatorService } from './wechat-pay-simulator.service';
import { WechatSimulatorController } from './wechat-simulator.controller';
import { WechatSimulatorService } from './wechat-simulator.service';

@Module({ controllers: [WechatSimulatorController, WechatPaySimulatorController], providers: [WechatSimulatorService, WechatPaySimulatorService] })
export class SimulatorModule {}
