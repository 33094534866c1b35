import { Injectable } from '@nestjs/common';
import { FlashBatchWriter, TicketOutcome } from './flash-batch-writer';
import type { PurchaseTicket } from './flash-stock.gate';

const MAX_BATCH = 200;

interface Waiting {
  ticket: PurchaseTicket;
  resolve: (outcome: TicketOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the database path (no Redis): purchases that arrive while a transaction is running wait for
 * the next one, so a rush costs one transaction (one lock on the hot item row, one commit) per group of buyers
 * instead of one per buyer. Each request still gets its own answer once its group is committed. Correctness
 * stays in the database (FlashBatchWriter), so any number of instances can run their own queues.
 */
@Injectable()
export class FlashDatabaseQueue {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(private readonly batches: FlashBatchWriter) {}

  submit(ticket: PurchaseTicket): Promise<TicketOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ticket, resolve, reject });
      if (!this.running) {
        this.running = true;
        // One turn of the event loop lets the requests already read from the sockets join the first group.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const group = this.waiting.splice(0, MAX_BATCH);
      try {
        const outcomes = await this.batches.write(group.map((w) => w.ticket), false);
        const byPurchase = new Map(outcomes.map((o) => [o.ticket.purchaseId, o]));
        for (const w of group) w.resolve(byPurchase.get(w.ticket.purchaseId)!);
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
    this.running = false;
  }
}
