import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { WechatPayClient } from './wechat-pay/wechat-pay.client';
import { WECHAT_PAY_KEYS, loadWechatPayKeys } from './wechat-pay/wechat-pay.keys';

/** Merchant keys and the API client, shared with the development simulator. */
@Global()
@Module({
  providers: [{ provide: WECHAT_PAY_KEYS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadWechatPayKeys(config) }, WechatPayClient],
  exports: [WECHAT_PAY_KEYS, WechatPayClient],
})
export class WechatPayModule {}
