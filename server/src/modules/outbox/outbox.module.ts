import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminOutboxController } from './admin-outbox.controller';
import { OutboxMessage } from './entities/outbox-message.entity';
import { OutboxWorker } from './outbox-worker';
import { OutboxService } from './outbox.service';

/** The outbox: `OutboxService.enqueue` inside a transaction, handlers by topic, `OutboxWorker` delivering with retries. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  controllers: [AdminOutboxController],
  providers: [OutboxService, OutboxWorker],
  exports: [OutboxService, OutboxWorker],
})
export class OutboxModule {}
