import { Module } from '@nestjs/common';
import { WechatSimulatorController } from './wechat-simulator.controller';
import { WechatSimulatorService } from './wechat-simulator.service';

@Module({ controllers: [WechatSimulatorController], providers: [WechatSimulatorService] })
export class SimulatorModule {}
