import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClusterAuditController } from './cluster-audit.controller.js';
import { ClusterAuditResolver } from './cluster-audit.resolver.js';
import { ClusterAuditService } from './cluster-audit.service.js';

/** auditCluster (GraphQL) and POST /api/v1/cluster-audits (REST) around the pure core in ./core. */
@Module({
  imports: [CatalogModule],
  providers: [ClusterAuditService, ClusterAuditResolver],
  controllers: [ClusterAuditController],
})
export class ClusterAuditModule {}
