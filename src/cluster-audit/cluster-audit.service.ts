import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service.js';
import { CatalogViewService } from '../catalog/catalog-view.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { auditCluster } from './core/index.js';
import type { ClusterAuditInputDto } from './cluster-audit.inputs.js';
import { toClusterAuditModel, type ClusterAudit } from './cluster-audit.models.js';

/** Wraps the pure cluster audit; instance types from the in-memory catalog. Nothing pasted is logged or kept. */
@Injectable()
export class ClusterAuditService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly view: CatalogViewService,
  ) {}

  audit(input: ClusterAuditInputDto): ClusterAudit {
    // Without a catalog every type would look unknown and the audit would be misleading.
    if (!this.view.isLoaded)
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The instance catalog is not loaded yet; try again shortly');
    // GraphQL sends null for what was left out; the core treats a present key as given.
    const defined = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
    ) as unknown as ClusterAuditInputDto;
    return toClusterAuditModel(auditCluster(defined, { lookupInstanceType: (name) => this.catalog.requireFromView(name) }));
  }
}
