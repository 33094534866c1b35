import { Injectable, Logger } from '@nestjs/common';

/**
 * Who hears that a shopper logged in for the first time (the new-customer coupon gift), without the auth module
 * depending on them. Listeners run after the user is committed; a failure is logged and never fails the login.
 */
@Injectable()
export class NewUserHooks {
  private readonly logger = new Logger(NewUserHooks.name);
  private readonly listeners: ((userId: number) => Promise<void>)[] = [];

  onCreated(listener: (userId: number) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async created(userId: number): Promise<void> {
    for (const listener of this.listeners) await listener(userId).catch((err: unknown) => this.logger.warn({ err, userId }, 'new-user listener failed'));
  }
}
