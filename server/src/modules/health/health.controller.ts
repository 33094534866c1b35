import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HealthView } from '@linli/shared';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** 200 when the database answers, 503 otherwise. */
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthView> {
    let up = false;
    try {
      await this.dataSource.query('SELECT 1');
      up = true;
    } catch {
      up = false;
    }
    if (!up) void reply.status(503);
    return {
      status: up ? 'ok' : 'degraded',
      database: { type: this.dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite', up },
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}
