import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Referrals and commission: share links and their visits, referral bindings, distributors with their balances,
 * the commission ledger, order attribution, withdrawals, and the operator's settings (one row).
 */
export class Referrals1764400000000 implements MigrationInterface {
  name = 'Referrals1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const engine = mysql ? 'InnoDB' : undefined;
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const money = (name: string): TableColumnOptions => ({ name, type: 'int', default: 0 });
    const date = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable, ...(nullable ? {} : { default: now }) });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });

    await q.createTable(new Table({
      name: 'share_links', engine,
      columns: [id, int('sharer_id'), str('target', 12), int('target_id'), str('channel', 8), date('created_at', false)],
      indices: [new TableIndex({ name: 'idx_share_links_sharer', columnNames: ['sharer_id', 'created_at'] })],
    }), true);

    await q.createTable(new Table({
      name: 'share_visits', engine,
      columns: [id, int('share_id'), str('device_id', 64), int('user_id', { isNullable: true }), str('day', 10), date('created_at', false)],
      indices: [
        // At most one row per device, share and day: a visit is one INSERT that ignores a duplicate.
        new TableIndex({ name: 'uq_share_visits_device_day', columnNames: ['share_id', 'device_id', 'day'], isUnique: true }),
        new TableIndex({ name: 'idx_share_visits_user', columnNames: ['user_id', 'created_at'] }),
        new TableIndex({ name: 'idx_share_visits_device', columnNames: ['device_id'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'referral_bindings', engine,
      columns: [id, int('user_id'), int('referrer_id'), int('share_id', { isNullable: true }), { name: 'chain', type: 'text' }, date('bound_at', false), date('last_activity_at', false)],
      indices: [
        new TableIndex({ name: 'uq_referral_bindings_user', columnNames: ['user_id'], isUnique: true }),
        new TableIndex({ name: 'idx_referral_bindings_referrer', columnNames: ['referrer_id', 'bound_at'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'referral_settings', engine,
      columns: [{ name: 'id', type: 'int', isPrimary: true }, { name: 'settings', type: 'text' }, int('bind_seq', { default: 0 }), date('updated_at', false)],
    }), true);

    await q.createTable(new Table({
      name: 'product_commission_rates', engine,
      columns: [{ name: 'product_id', type: 'int', isPrimary: true }, int('rate_bps')],
    }), true);

    await q.createTable(new Table({
      name: 'distributors', engine,
      columns: [
        id, int('user_id'), str('status', 12), str('reject_reason', 100, { isNullable: true }),
        money('pending'), money('balance'), money('frozen'), money('withdrawn'), money('reversed'),
        str('withdraw_day', 10, { default: "''" }), money('withdrawn_today'),
        date('applied_at', false), date('reviewed_at'),
      ],
      indices: [
        new TableIndex({ name: 'uq_distributors_user', columnNames: ['user_id'], isUnique: true }),
        new TableIndex({ name: 'idx_distributors_status', columnNames: ['status', 'applied_at'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'commission_entries', engine,
      columns: [
        id, str('dedupe_key', 64), int('beneficiary_id'), int('buyer_id'), int('order_id'), int('order_line_id'), { name: 'level', type: 'smallint' },
        str('kind', 10), str('state', 10), int('amount'), money('line_net'), int('rate_bps', { default: 0 }), money('refunded_of_line'), money('taken'),
        int('source_entry_id', { isNullable: true }), int('refund_id', { isNullable: true }), date('settle_after'), date('settled_at'), date('created_at', false),
      ],
      indices: [
        new TableIndex({ name: 'uq_commission_entries_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
        new TableIndex({ name: 'idx_commission_entries_beneficiary', columnNames: ['beneficiary_id', 'created_at'] }),
        new TableIndex({ name: 'idx_commission_entries_order', columnNames: ['order_id'] }),
        new TableIndex({ name: 'idx_commission_entries_settle', columnNames: ['state', 'settle_after'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'order_attributions', engine,
      columns: [{ name: 'order_id', type: 'int', isPrimary: true }, int('share_id'), int('sharer_id'), int('buyer_id'), money('amount'), date('created_at', false)],
      indices: [
        new TableIndex({ name: 'idx_order_attributions_share', columnNames: ['share_id'] }),
        new TableIndex({ name: 'idx_order_attributions_sharer', columnNames: ['sharer_id', 'buyer_id'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'withdrawals', engine,
      columns: [
        id, int('user_id'), int('amount'), str('status', 12), str('out_bill_no', 32), str('transfer_bill_no', 64, { isNullable: true }),
        str('transfer_state', 20, { isNullable: true }), { name: 'package_info', type: 'text', isNullable: true }, str('reason', 100, { isNullable: true }),
        int('attempts', { default: 0 }), int('reviewed_by', { isNullable: true }), date('created_at', false), date('updated_at', false), date('paid_at'),
      ],
      indices: [
        new TableIndex({ name: 'uq_withdrawals_bill', columnNames: ['out_bill_no'], isUnique: true }),
        new TableIndex({ name: 'idx_withdrawals_user', columnNames: ['user_id', 'created_at'] }),
        new TableIndex({ name: 'idx_withdrawals_status', columnNames: ['status', 'updated_at'] }),
      ],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['withdrawals', 'order_attributions', 'commission_entries', 'distributors', 'product_commission_rates', 'referral_settings', 'referral_bindings', 'share_visits', 'share_links']) {
      await q.dropTable(t, true);
    }
  }
}
