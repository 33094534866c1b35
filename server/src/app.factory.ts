import 'reflect-metadata';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { FastLanes } from './common/fast-lanes';
import { listenForRush } from './common/rush-listener';
import { PublicReadCache } from './common/public-read-cache';
import { requestIdFor } from './common/logging';
import { ProxyTrust } from './common/client-address';
import { answerClientError } from './common/error.filter';
import { createValidationPipe, jsonDepth, MAX_JSON_DEPTH, ValidationFailedError } from './common/validation';
import { AppConfig } from './config/app-config';
import { REVIEW_PHOTO_MAX_BYTES } from '@linli/shared';
import { SelfUrl } from './common/self-url';
import { ServedRoutes } from './common/served-routes';
import { FlashPurchaseDto } from './modules/flash-sale/flash-sale.dto';
import { documentFlashPurchase, FlashPurchaseRoute } from './modules/flash-sale/flash-purchase.route';
import { CouponClaimRoute, documentCouponClaim } from './modules/coupons/coupon-claim.route';

export interface CreateAppOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
}

/** Builds the whole server: NestJS on Fastify, validation, errors, logs, OpenAPI, media and the H5 build. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const lanes = new FastLanes();
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    bodyLimit: 1024 * 1024,
    trustProxy: new ProxyTrust(config.trustProxy).trusts,
    serverFactory: lanes.serverFactory,
    // Errors node answers before a request exists (a 1 MB query string is a 431) keep our `{ code, message }` shape.
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.logStream), adapter, { rawBody: true, bufferLogs: true });
  lanes.readCache = app.get(PublicReadCache);
  app.get(FlashPurchaseRoute).mount(lanes);
  app.get(CouponClaimRoute).mount(lanes);
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  // Uploads (review photos): one file per request; the route reads it and checks what it is.
  await app.register(fastifyMultipart, { limits: { fileSize: REVIEW_PHOTO_MAX_BYTES, files: 1, fields: 0, parts: 1 } });

  const fastify = app.getHttpAdapter().getInstance();
  // The public cache's background re-reads go through the whole app in-process (no socket, no token: anonymous).
  app.get(PublicReadCache).refresher = (url) => fastify.inject({ method: 'GET', url });
  const served = app.get(ServedRoutes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) served.add(method, route.url);
  });
  for (const lane of lanes.routes()) served.add(...(lane.split(' ') as [string, string]));
  // Validators recurse into nested values: a body nested thousands deep would overflow the stack there.
  fastify.addHook('preValidation', async (request) => {
    if (request.body !== undefined && jsonDepth(request.body) > MAX_JSON_DEPTH) {
      throw new ValidationFailedError([{ property: 'body', constraints: { depth: `body nests deeper than ${MAX_JSON_DEPTH} levels` }, children: [] }]);
    }
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Linli API')
      .setDescription('Shopper API under /api, operator API under /admin. Errors are `{ code, message }` with codes from @linli/shared. Money is integer fen.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    { extraModels: [FlashPurchaseDto] },
  );
  documentFlashPurchase(document);
  documentCouponClaim(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const mediaDir = join(config.dataDir, 'media');
  mkdirSync(mediaDir, { recursive: true });
  await app.register(fastifyStatic, { root: mediaDir, prefix: '/media/', decorateReply: false, maxAge: '1h' });
  if (config.h5Dir && existsSync(join(config.h5Dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.h5Dir, prefix: '/', decorateReply: false, index: ['index.html'] });
  }
  return app;
}

/** Creates the app, listens, and records its address (the default for notify URLs and the built-in simulators). */
export async function startServer(config: AppConfig, options: CreateAppOptions = {}): Promise<{ app: NestFastifyApplication; url: string; flashUrl: string | null }> {
  const app = await createApp(config, options);
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  app.get(SelfUrl).setListening(url);
  const { port: flashPort, perTurn } = config.flashSale;
  const flashUrl = flashPort === null ? null : await listenForRush(app.getHttpServer(), { port: flashPort, host: config.host, perTurn });
  return { app, url, flashUrl };
}
