import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, FlashPurchaseRequest } from '@linli/shared';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccountStanding } from '../../common/account-standing';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { activeShopperFromHeader } from '../../common/auth';
import { ProxyTrust } from '../../common/client-address';
import { LoopLag } from '../../common/loop-lag';
import { FastLanes, readJsonBody, sendJson } from '../../common/fast-lanes';
import { secondsLeftInWindow } from '../../common/rate-limit';
import { TokenVerifier } from '../../common/token-verifier';
import { toErrorResponse } from '../../common/error.filter';
import { ValidationFailedError } from '../../common/validation';
import { FlashSaleService } from './flash-sale.service';

export const FLASH_PURCHASE_PATH = '/api/flash-sale/purchases';

/** This process's prefix for the lane's request ids (cheaper than a UUID per request). */
const INSTANCE_TAG = randomBytes(4).toString('hex');

const MAX_BODY_BYTES = 4096;

/** The shed answer, built once: it must cost less than the work it protects. */
const BUSY_BODY = JSON.stringify({ code: ErrorCode.ServiceBusy, message: '抢购人数太多，请稍后再试' });
const BUSY_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(BUSY_BODY)), 'retry-after': '1' };

const LIMITS: Record<keyof FlashPurchaseRequest, [min: number, max: number]> = {
  itemId: [1, 2_147_483_647],
  quantity: [1, 99],
  addressId: [1, 2_147_483_647],
  couponId: [1, 2_147_483_647],
};

/** May be omitted (not null: "no coupon" is leaving it out). */
const OPTIONAL = new Set<string>(['couponId']);

/** The same rules as FlashPurchaseDto (which documents them), checked by hand: no class-transformer on the rush path. */
export function parseFlashPurchase(body: unknown): FlashPurchaseRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body', 'body must be a JSON object');
  const fields = body as Record<string, unknown>;
  // An own-property check, not `in`: `in` also sees inherited names, so `__proto__` or `constructor` would pass as known.
  for (const key of Object.keys(fields)) if (!Object.prototype.hasOwnProperty.call(LIMITS, key)) throw invalid(key, `property ${key} should not exist`);
  for (const [key, [min, max]] of Object.entries(LIMITS)) {
    const value = fields[key];
    if (value === undefined && OPTIONAL.has(key)) continue;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(key, `${key} must be an integer number`);
    if (value < min || value > max) throw invalid(key, `${key} must be between ${min} and ${max}`);
  }
  return fields as unknown as FlashPurchaseRequest;
}

function invalid(property: string, message: string): ValidationFailedError {
  return new ValidationFailedError([{ property, constraints: { rule: message }, children: [] }]);
}

/**
 * `POST /api/flash-sale/purchases`, the rush path. It is served by a plain node:http handler on the app's HTTP
 * server (a fast lane), not through Nest or Fastify: no middleware, hooks, guard, pipe or access-log child per
 * request. Order of work, cheapest first: the body, the in-memory checks (a sold-out item is answered before the
 * token is even verified), the token and the shopper's standing (one primary-key read: a blocked shopper is
 * refused at once), then the reservation. Answers 202 `queued` with Redis, 201 `confirmed`
 * without; errors are the usual `{ code, message, requestId }`. Documented in the OpenAPI document by
 * `documentFlashPurchase`.
 */
@Injectable()
export class FlashPurchaseRoute {
  private readonly logger = new Logger('FlashPurchaseRoute');
  private requests = 0;
  /** Purchases this instance is working on; read by the admission spec. */
  inFlight = 0;
  private readonly maxInFlight: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly flash: FlashSaleService,
    private readonly tokens: TokenVerifier,
    private readonly standing: AccountStanding,
    private readonly proxies: ProxyTrust,
    private readonly lag: LoopLag,
  ) {
    this.maxInFlight = config.flashSale.maxInFlight;
  }

  mount(lanes: FastLanes): void {
    lanes.add('POST', FLASH_PURCHASE_PATH, (req, res) => void this.handle(req, res));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Admission: over the bound, or while the event loop lags (browsing shares it), shed at once (Node discards
    // the unread body, keeping the connection usable).
    if (this.inFlight >= this.maxInFlight || this.lag.overloaded) {
      if (this.lag.overloaded) this.lag.shed++;
      else this.lag.shedInFlight++;
      res.writeHead(503, BUSY_HEADERS).end(BUSY_BODY);
      return;
    }
    this.inFlight++;
    try {
      await this.work(req, res);
    } finally {
      this.inFlight--;
    }
  }

  private async work(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `${INSTANCE_TAG}-${(++this.requests).toString(36)}`;
    try {
      const purchase = parseFlashPurchase(await readJsonBody(req, MAX_BODY_BYTES));
      const offer = await this.flash.precheck(purchase);
      // The account's standing is read from the database: a shopper blocked a moment ago gets no reservation.
      const userId = await activeShopperFromHeader(this.tokens, this.standing, req.headers.authorization);
      // A coupon is checked before any unit is reserved (another shopper's id is a 404, an unusable one a 409);
      // the writer checks and locks it again with the order.
      if (purchase.couponId !== undefined) await this.flash.checkCoupon(userId, purchase, offer);
      const result = await this.flash.reserve(userId, purchase, offer, this.proxies.clientAddress(req));
      sendJson(res, result.status === 'queued' ? 202 : 201, result, { 'x-request-id': requestId });
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      body.requestId = requestId;
      if (status >= 500) this.logger.error({ err, requestId }, 'flash purchase failed');
      if (res.headersSent) return;
      sendJson(res, status, body, status === 429 ? { 'x-request-id': requestId, 'retry-after': String(secondsLeftInWindow()) } : { 'x-request-id': requestId });
    }
  }
}

/** Adds the rush route to the OpenAPI document (Nest's scanner sees only its own controllers). */
export function documentFlashPurchase(document: { paths: Record<string, unknown> }): void {
  const json = (schema: object) => ({ 'application/json': { schema } });
  const errorBody = { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } } };
  const purchaseView = {
    type: 'object', required: ['purchaseId', 'status', 'orderId', 'reason'],
    properties: { purchaseId: { type: 'string' }, status: { type: 'string', enum: ['queued', 'confirmed', 'failed'] }, orderId: { type: 'integer', nullable: true }, reason: { type: 'string', nullable: true }, code: { type: 'string', nullable: true } },
  };
  const error = (description: string) => ({ description, content: json(errorBody) });
  document.paths[FLASH_PURCHASE_PATH] = {
    post: {
      tags: ['flash-sale'],
      summary: 'Buy a flash-sale item (the rush path)',
      description: 'With Redis: 202 `queued`; poll GET /api/flash-sale/purchases/{id} until `confirmed` or `failed`. Without Redis: 201 `confirmed` with the order id. '
        + 'Sold-out and slot checks come first and may answer before the token is checked.',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: json({ $ref: '#/components/schemas/FlashPurchaseDto' }) },
      responses: {
        201: { description: 'confirmed (database path)', content: json(purchaseView) },
        202: { description: 'queued (Redis path)', content: json(purchaseView) },
        400: error(`${ErrorCode.ValidationFailed}: a field is missing, not an integer, out of range, or unknown`),
        401: error('no valid shopper token'),
        403: error(`${ErrorCode.AccountBlocked}: the shopper is blocked`),
        404: error(`${ErrorCode.FlashItemNotFound}, ${ErrorCode.AddressNotFound} or ${ErrorCode.CouponNotFound}`),
        409: error(`${ErrorCode.FlashNotStarted}, ${ErrorCode.FlashEnded}, ${ErrorCode.FlashSoldOut}, ${ErrorCode.PurchaseLimitExceeded} or ${ErrorCode.CouponUnusable}`),
        429: error(`${ErrorCode.TooManyRequests}: over the per-shopper or per-address rate`),
        503: { ...error(`${ErrorCode.ServiceBusy}: this instance is at its in-flight limit (FLASH_MAX_IN_FLIGHT) or its event loop lags (FLASH_SHED_LAG_MS); retry after Retry-After seconds`), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
      },
    },
  };
}
