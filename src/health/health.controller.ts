import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '../auth/auth.decorators.js';
import { CatalogRepository } from '../catalog/catalog.repository.js';
import { CatalogViewService } from '../catalog/catalog-view.service.js';

const PING_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly repository: CatalogRepository,
    private readonly view: CatalogViewService,
  ) {}

  @Get('live')
  @PublicRoute()
  @ApiOperation({ summary: 'The process is up' })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  @PublicRoute()
  @ApiOperation({ summary: 'The database answers and the catalog is loaded (503 otherwise)' })
  async ready(@Res({ passthrough: true }) res: FastifyReply) {
    let database: 'up' | 'down' = 'up';
    let databaseError: string | undefined;
    try {
      await Promise.race([
        this.repository.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), PING_TIMEOUT_MS).unref()),
      ]);
    } catch (err) {
      database = 'down';
      databaseError = (err as Error).message === 'timed out' ? 'timed out' : 'unreachable';
    }
    const view = this.view.current();
    const catalog = { loaded: this.view.isLoaded, instanceTypes: view?.types.length ?? 0, version: view?.version ?? null };
    const ready = database === 'up' && catalog.loaded;
    res.code(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ok' : 'unavailable', database, databaseError, catalog };
  }
}
