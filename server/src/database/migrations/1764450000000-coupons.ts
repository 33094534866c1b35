import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Coupons and red packets: coupon templates, each shopper's coupons (terms copied at claim), redeem codes, red
 * packets with their pre-split shares, and the operator's marketing budget with its ledger. Group-buy campaigns say
 * whether they accept coupons (existing ones do).
 */
export class Coupons1764450000000 implements MigrationInterface {
  name = 'Coupons1764450000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const text = (name: string): TableColumnOptions => ({ name, type: 'text' });
    const date = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const bool = (name: string, value = 0): TableColumnOptions => ({ name, type: 'boolean', default: value });
    const created: TableColumnOptions = { name: 'created_at', type: 'datetime', precision: 3, default: now };
    const engine = mysql ? 'InnoDB' : undefined;
    // The terms a coupon carries, on the template and copied onto each claimed coupon.
    const terms = (): TableColumnOptions[] => [
      str('type', 16), int('amount', { default: 0 }), int('rate', { default: 100 }), int('cap', { default: 0 }), int('threshold', { default: 0 }),
      str('scope', 12, { default: "'all'" }), text('scope_ids'), text('exclude_product_ids'), bool('combine_group'), bool('combine_flash'),
    ];

    await q.createTable(new Table({
      name: 'coupon_templates', engine,
      columns: [
        id, str('title', 40), ...terms(),
        str('validity', 8), date('valid_from'), date('valid_to'), int('valid_days', { default: 0 }),
        int('total'), int('issued', { default: 0 }), int('per_user_limit', { default: 1 }),
        bool('in_centre', 1), bool('new_customer_gift'), date('claim_starts_at'), date('claim_ends_at'),
        date('stopped_at'), str('created_by', 32), created, { ...created, name: 'updated_at' }, int('version', { default: 1 }),
      ],
      indices: [new TableIndex({ name: 'idx_coupon_templates_centre', columnNames: ['in_centre', 'stopped_at'] })],
    }), true);

    await q.createTable(new Table({
      name: 'user_coupons', engine,
      columns: [
        id, int('user_id'), int('template_id', { isNullable: true }), int('packet_id', { isNullable: true }), int('claim_seq', { default: 1 }),
        str('source', 8), str('title', 40), ...terms(), date('valid_from', false), date('valid_to', false),
        str('status', 8), int('order_id', { isNullable: true }), int('discount', { default: 0 }), date('locked_at'), date('used_at'), created, int('version', { default: 1 }),
      ],
      indices: [
        // The per-shopper limit's backstop: the n-th coupon of a template for a shopper exists once.
        new TableIndex({ name: 'uq_user_coupons_claim', columnNames: ['template_id', 'user_id', 'claim_seq'], isUnique: true }),
        new TableIndex({ name: 'idx_user_coupons_user', columnNames: ['user_id', 'status', 'valid_to'] }),
        new TableIndex({ name: 'idx_user_coupons_order', columnNames: ['order_id'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'coupon_codes', engine,
      columns: [id, int('template_id'), str('code', 16), str('batch', 32), int('used_by', { isNullable: true }), int('coupon_id', { isNullable: true }), date('used_at'), created],
      indices: [new TableIndex({ name: 'uq_coupon_codes_code', columnNames: ['code'], isUnique: true }), new TableIndex({ name: 'idx_coupon_codes_template', columnNames: ['template_id', 'batch'] })],
    }), true);

    await q.createTable(new Table({
      name: 'red_packets', engine,
      columns: [
        id, str('code', 16), str('kind', 12), str('funding', 8), str('status', 16), int('sender_user_id', { isNullable: true }), str('sender_name', 32),
        int('recipient_user_id', { isNullable: true }), str('greeting', 40), int('amount'), int('share_count'), int('claimed_count', { default: 0 }), int('claimed_amount', { default: 0 }),
        int('returned_amount', { isNullable: true }), int('threshold', { default: 0 }), int('coupon_valid_days'), str('seed', 32), int('order_id', { isNullable: true }),
        int('refund_id', { isNullable: true }), str('created_by', 32), date('expires_at', false), date('activated_at'), date('closed_at'), created, int('version', { default: 1 }),
      ],
      indices: [
        new TableIndex({ name: 'uq_red_packets_code', columnNames: ['code'], isUnique: true }),
        new TableIndex({ name: 'uq_red_packets_order', columnNames: ['order_id'], isUnique: true }),
        new TableIndex({ name: 'idx_red_packets_status_expires', columnNames: ['status', 'expires_at'] }),
        new TableIndex({ name: 'idx_red_packets_sender', columnNames: ['sender_user_id'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'red_packet_shares', engine,
      columns: [id, int('packet_id'), int('seq'), int('amount'), int('user_id', { isNullable: true }), int('coupon_id', { isNullable: true }), date('claimed_at')],
      indices: [
        new TableIndex({ name: 'uq_red_packet_shares_seq', columnNames: ['packet_id', 'seq'], isUnique: true }),
        // One share per person per packet.
        new TableIndex({ name: 'uq_red_packet_shares_user', columnNames: ['packet_id', 'user_id'], isUnique: true }),
        new TableIndex({ name: 'idx_red_packet_shares_user', columnNames: ['user_id'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'marketing_budgets', engine,
      columns: [str('name', 16, { isPrimary: true }), int('balance', { default: 0 }), { ...created, name: 'updated_at' }],
    }), true);

    await q.createTable(new Table({
      name: 'budget_entries', engine,
      columns: [id, str('budget', 16), int('delta'), str('reason', 16), str('ref', 32), str('actor', 32), created],
      // One entry per reason and reference: a packet is paid for once and returned once.
      indices: [new TableIndex({ name: 'uq_budget_entries_ref', columnNames: ['budget', 'reason', 'ref'], isUnique: true })],
    }), true);

    await q.addColumn('group_buy_campaigns', new TableColumn({ name: 'accepts_coupons', type: 'boolean', default: 1 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('group_buy_campaigns', 'accepts_coupons');
    for (const t of ['budget_entries', 'marketing_budgets', 'red_packet_shares', 'red_packets', 'coupon_codes', 'user_coupons', 'coupon_templates']) await q.dropTable(t, true);
  }
}
