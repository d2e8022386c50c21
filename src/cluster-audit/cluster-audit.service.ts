import { Injectable } from '@nestjs/common';
import { CatalogViewService } from '../catalog/catalog-view.service.js';
import { auditCluster } from './core/index.js';
import type { ClusterAuditInputDto } from './cluster-audit.inputs.js';
import { toClusterAuditModel, type ClusterAudit } from './cluster-audit.models.js';

/**
 * Wraps the pure cluster audit: the core gets the in-memory catalog's types by name for the types
 * the nodes' labels name. Nothing pasted is logged or kept.
 */
@Injectable()
export class ClusterAuditService {
  constructor(private readonly view: CatalogViewService) {}

  audit(input: ClusterAuditInputDto): ClusterAudit {
    const catalog = this.view.requireLoaded();
    // GraphQL sends null for what was left out; the core treats a present key as given.
    const defined = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
    ) as unknown as ClusterAuditInputDto;
    return toClusterAuditModel(auditCluster(defined, catalog.byName));
  }
}
