import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@linli/shared';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccountStanding } from '../../common/account-standing';
import { requireActiveShopper, shopperIdFromHeader } from '../../common/auth';
import { toErrorResponse } from '../../common/error.filter';
import { FastLanes, readJsonBody, sendJson } from '../../common/fast-lanes';
import { TokenVerifier } from '../../common/token-verifier';
import { ValidationFailedError } from '../../common/validation';
import { COUPON_SOLD_OUT, CouponsService } from './coupons.service';

export const COUPON_CLAIM_PATH = '/api/coupons/claims';

const INSTANCE_TAG = randomBytes(4).toString('hex');
const MAX_BODY_BYTES = 1024;

/** `{ templateId }` and nothing else, checked by hand (the rules ClaimCouponDto documents). */
export function parseClaim(body: unknown): { templateId: number } {
  const invalid = (property: string, message: string) => new ValidationFailedError([{ property, constraints: { rule: message }, children: [] }]);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body', 'body must be a JSON object');
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (key !== 'templateId') throw invalid(key, `property ${key} should not exist`);
  const id = fields.templateId;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw invalid('templateId', 'templateId must be a positive integer');
  return { templateId: id };
}

/**
 * `POST /api/coupons/claims`, the claim-centre rush path, served on a fast lane (a plain node:http handler on the
 * app's server, outside Nest's and Fastify's per-request work), as the flash-sale purchase is. Correctness is the
 * service's, unchanged: a sold-out or stopped template is refused on its read, then the claim is one transaction
 * (the coupon row under its unique key, the conditional `issued < total` UPDATE). Once this process has seen the
 * template sold out, the rest of the rush is refused from memory for a second at a time (`knownSoldOut`). Errors are the usual
 * `{ code, message, requestId }`. Documented in the OpenAPI document by `documentCouponClaim`.
 */
@Injectable()
export class CouponClaimRoute {
  private readonly logger = new Logger('CouponClaimRoute');
  private requests = 0;

  constructor(
    private readonly coupons: CouponsService,
    private readonly tokens: TokenVerifier,
    private readonly standing: AccountStanding,
  ) {}

  mount(lanes: FastLanes): void {
    lanes.add('POST', COUPON_CLAIM_PATH, (req, res) => void this.handle(req, res));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `${INSTANCE_TAG}-c${(++this.requests).toString(36)}`;
    try {
      // Cheapest first: the token's signature (CPU only), the body, a template found sold out a moment ago (memory,
      // refusal only), then the account's standing (a database read: a blocked shopper claims nothing) and the claim.
      const userId = shopperIdFromHeader(this.tokens, req.headers.authorization);
      const { templateId } = parseClaim(await readJsonBody(req, MAX_BODY_BYTES));
      if (this.coupons.knownSoldOut(templateId)) throw COUPON_SOLD_OUT;
      await requireActiveShopper(this.standing, userId);
      sendJson(res, 201, await this.coupons.claim(userId, templateId, 'centre'), { 'x-request-id': requestId });
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      body.requestId = requestId;
      if (status >= 500) this.logger.error({ err, requestId }, 'coupon claim failed');
      if (!res.headersSent) sendJson(res, status, body, { 'x-request-id': requestId });
    }
  }
}

/** Adds the claim route to the OpenAPI document (Nest's scanner sees only its own controllers). */
export function documentCouponClaim(document: { paths: Record<string, unknown> }): void {
  const json = (schema: object) => ({ 'application/json': { schema } });
  const errorBody = { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } } };
  const error = (description: string) => ({ description, content: json(errorBody) });
  document.paths[COUPON_CLAIM_PATH] = {
    post: {
      tags: ['coupons'],
      summary: 'Claim a coupon of a template shown in the claim centre (立即领取)',
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: json({ type: 'object', required: ['templateId'], additionalProperties: false, properties: { templateId: { type: 'integer', minimum: 1 } } }),
      },
      responses: {
        201: { description: 'the coupon now in the shopper\'s wallet (UserCouponView)', content: json({ type: 'object' }) },
        400: error(`${ErrorCode.ValidationFailed}: templateId missing, not a positive integer, or an unknown field`),
        401: error('no valid shopper token'),
        403: error(`${ErrorCode.AccountBlocked}: the shopper is blocked`),
        404: error(`${ErrorCode.CouponTemplateNotFound}`),
        409: error(`${ErrorCode.CouponSoldOut}, ${ErrorCode.CouponLimitReached} or ${ErrorCode.CouponNotClaimable}`),
        413: error('body too large'),
        415: error('not application/json'),
      },
    },
  };
}
