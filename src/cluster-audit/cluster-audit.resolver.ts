import { Args, Query, Resolver } from '@nestjs/graphql';
import { ClusterAuditInputDto } from './cluster-audit.inputs.js';
import { ClusterAudit } from './cluster-audit.models.js';
import { ClusterAuditService } from './cluster-audit.service.js';

@Resolver()
export class ClusterAuditResolver {
  constructor(private readonly audits: ClusterAuditService) {}

  @Query(() => ClusterAudit, {
    description:
      'Audit a cluster from kubectl output (nodes JSON, the amazon-vpc-cni ConfigMap, network and Calico policies) and a Services count: ' +
      'Windows nodes advertising fewer pods or IPs than their type allows (without the ConfigMap, in the IP mode each node advertises), ' +
      'node groups whose nodes advertise different IP modes, silent prefix-delegation fallback, types that cannot be Windows nodes, ' +
      'no Linux nodes for CoreDNS, both warm-pool key families, Services without DSR, Windows Server 2025 with Calico, every rule Windows skips. ' +
      'Malformed JSON or YAML: BAD_USER_INPUT naming line and column or the path. Nothing pasted is logged or stored.',
  })
  auditCluster(@Args('input', { type: () => ClusterAuditInputDto }) input: ClusterAuditInputDto): ClusterAudit {
    return this.audits.audit(input);
  }
}
