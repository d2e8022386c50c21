import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '../auth/auth.decorators.js';
import { CatalogRepository } from '../catalog/catalog.repository.js';
import { CatalogViewService } from '../catalog/catalog-view.service.js';

const PING_TIMEOUT_MS = 2_000;

class Liveness {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

class CatalogReadiness {
  @ApiProperty()
  loaded: boolean;

  @ApiProperty({ example: 1373 })
  instanceTypes: number;

  @ApiProperty({ type: String, nullable: true, description: 'The refresh run whose catalog is in service' })
  version: string | null;
}

class Readiness {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ enum: ['up', 'down'] })
  database: 'up' | 'down';

  @ApiPropertyOptional({ enum: ['timed out', 'unreachable'], description: 'When the database is down' })
  databaseError?: string;

  @ApiProperty({ type: CatalogReadiness })
  catalog: CatalogReadiness;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly repository: CatalogRepository,
    private readonly view: CatalogViewService,
  ) {}

  @Get('live')
  @PublicRoute()
  @ApiOperation({ operationId: 'getLiveness', summary: 'The process is up' })
  @ApiOkResponse({ type: Liveness })
  live(): Liveness {
    return { status: 'ok' };
  }

  @Get('ready')
  @PublicRoute()
  @ApiOperation({ operationId: 'getReadiness', summary: 'The database answers and the catalog is loaded (503 otherwise)' })
  @ApiOkResponse({ type: Readiness, description: 'Ready' })
  @ApiResponse({ status: 503, type: Readiness, description: 'Not ready: the database is down or the catalog not loaded' })
  async ready(@Res({ passthrough: true }) res: FastifyReply): Promise<Readiness> {
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
