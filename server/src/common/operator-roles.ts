import type { AdminRole } from '../modules/admin-auth/entities/admin-user.entity';

/**
 * The one table of which operator role each back-office route needs, keyed `METHOD /path` as the route is
 * registered. `operator` runs the shop (catalog, campaigns, flash sales, fulfilment); `admin` also handles money
 * (payments, refunds, payouts) and accounts (operators and shoppers). AdminGuard reads this table and refuses a
 * route that is missing from it; a spec checks that every documented /admin route is here.
 */
export const OPERATOR_ROUTE_ROLES: Readonly<Record<string, AdminRole>> = {
  // own session
  'POST /admin/auth/logout': 'operator',
  'POST /admin/auth/password': 'operator',
  // catalog (deleting stays with admin: it cannot be undone)
  'GET /admin/categories': 'operator',
  'POST /admin/categories': 'operator',
  'PUT /admin/categories/:id': 'operator',
  'DELETE /admin/categories/:id': 'admin',
  'GET /admin/products': 'operator',
  'GET /admin/products/:id': 'operator',
  'POST /admin/products': 'operator',
  'PUT /admin/products/:id': 'operator',
  'POST /admin/products/:id/shelf': 'operator',
  'DELETE /admin/products/:id': 'admin',
  'POST /admin/skus/:id/stock': 'operator',
  // fulfilment
  'GET /admin/orders': 'operator',
  'GET /admin/orders/:id': 'operator',
  'POST /admin/orders/:id/ship': 'operator',
  'POST /admin/orders/:id/ready-for-pickup': 'operator',
  'POST /admin/orders/:id/picked-up': 'operator',
  // group-buy
  'POST /admin/group-buy/campaigns': 'operator',
  'GET /admin/group-buy/campaigns': 'operator',
  'GET /admin/group-buy/campaigns/:id': 'operator',
  'PATCH /admin/group-buy/campaigns/:id': 'operator',
  'POST /admin/group-buy/campaigns/:id/stop': 'operator',
  'GET /admin/group-buy/groups': 'operator',
  'POST /admin/group-buy/groups/:id/force': 'operator',
  // flash sale
  'POST /admin/flash-sale/slots': 'operator',
  'GET /admin/flash-sale/slots': 'operator',
  'GET /admin/flash-sale/slots/:id': 'operator',
  'PATCH /admin/flash-sale/slots/:id': 'operator',
  'POST /admin/flash-sale/slots/:id/items': 'operator',
  'PATCH /admin/flash-sale/items/:id': 'operator',
  'POST /admin/flash-sale/items/:id/stop': 'operator',
  'GET /admin/flash-sale/items/:id/live': 'operator',
  // reviews: moderation is the shop's daily work
  'GET /admin/reviews': 'operator',
  'POST /admin/reviews/:id/hide': 'operator',
  'POST /admin/reviews/:id/show': 'operator',
  // coupons and red packets: campaigns are the shop's work; adding money to the packet budget is admin's
  'POST /admin/coupons/templates': 'operator',
  'GET /admin/coupons/templates': 'operator',
  'GET /admin/coupons/templates/:id': 'operator',
  'PATCH /admin/coupons/templates/:id': 'operator',
  'POST /admin/coupons/templates/:id/stop': 'operator',
  'POST /admin/coupons/templates/:id/grant': 'operator',
  'POST /admin/coupons/templates/:id/codes': 'operator',
  'GET /admin/coupons/templates/:id/codes': 'operator',
  'POST /admin/red-packets': 'operator',
  'GET /admin/red-packets': 'operator',
  'GET /admin/red-packets/budget': 'operator',
  'POST /admin/red-packets/budget/top-up': 'admin',
  // referrals and commission: reviewing distributors is the shop's work; settings and payouts are money, admin's
  'GET /admin/referrals/settings': 'operator',
  'PUT /admin/referrals/settings': 'admin',
  'PUT /admin/referrals/products/:id/rate': 'admin',
  'GET /admin/referrals/distributors': 'operator',
  'GET /admin/referrals/distributors/:userId': 'operator',
  'POST /admin/referrals/distributors/:userId/approve': 'operator',
  'POST /admin/referrals/distributors/:userId/reject': 'operator',
  'POST /admin/referrals/distributors/:userId/disable': 'operator',
  'GET /admin/referrals/distributors/:userId/ledger': 'operator',
  'GET /admin/referrals/users/:userId/tree': 'operator',
  'GET /admin/referrals/withdrawals': 'operator',
  'POST /admin/referrals/withdrawals/:id/approve': 'admin',
  'POST /admin/referrals/withdrawals/:id/reject': 'admin',
  'POST /admin/referrals/withdrawals/:id/retry': 'admin',
  'POST /admin/referrals/withdrawals/:id/cancel': 'admin',
  // community store + group: stores, leaders, campaigns and batches are the shop's daily work
  'GET /admin/community/stores': 'operator',
  'POST /admin/community/stores': 'operator',
  'GET /admin/community/stores/:id': 'operator',
  'PATCH /admin/community/stores/:id': 'operator',
  'PUT /admin/community/stores/:id/leader': 'operator',
  'GET /admin/community/stores/:id/staff': 'operator',
  'GET /admin/community/stores/:id/pickup-report': 'operator',
  'GET /admin/community/applications': 'operator',
  'GET /admin/community/applications/:id': 'operator',
  'POST /admin/community/applications/:id/approve': 'operator',
  'POST /admin/community/applications/:id/reject': 'operator',
  'GET /admin/community/campaigns': 'operator',
  'POST /admin/community/campaigns': 'operator',
  'GET /admin/community/campaigns/:id': 'operator',
  'POST /admin/community/campaigns/:id/batches': 'operator',
  'GET /admin/community/campaigns/:id/batches': 'operator',
  'GET /admin/community/batches/:id': 'operator',
  'POST /admin/community/batches/:id/ship': 'operator',
  'GET /admin/community/batches/:id/pick-list': 'operator',
  'GET /admin/community/batches/:id/pick-list/csv': 'operator',
  'GET /admin/community/batches/:id/pick-list/html': 'operator',
  // work after commit (the outbox): anyone may look; bringing a dead message back is admin's
  'GET /admin/outbox': 'operator',
  'POST /admin/outbox/:id/retry': 'admin',
  // money
  'GET /admin/payments': 'admin',
  'GET /admin/payments/reconciliation': 'admin',
  'GET /admin/refunds': 'admin',
  'POST /admin/refunds/:id/approve': 'admin',
  'POST /admin/refunds/:id/reject': 'admin',
  'POST /admin/refunds/:id/retry': 'admin',
  // accounts
  'GET /admin/users': 'admin',
  'POST /admin/users': 'admin',
  'PATCH /admin/users/:id': 'admin',
  'POST /admin/shoppers/:id/block': 'admin',
  'POST /admin/shoppers/:id/unblock': 'admin',
};

/** The role a route needs, or undefined when the table does not name it (the guard then refuses). */
export function roleForRoute(method: string, path: string): AdminRole | undefined {
  return OPERATOR_ROUTE_ROLES[`${method === 'HEAD' ? 'GET' : method} ${path}`];
}
