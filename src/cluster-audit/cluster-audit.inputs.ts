import { NeverRemembered } from '../common/validation-pipe.js';
import { Field, InputType } from '@nestjs/graphql';

import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { VPC_CNI_CONFIGMAP_MAX_BYTES } from '../diagnosis/core/index.js';
import { CLUSTER_AUDIT_LIMITS } from './core/index.js';

/** One class for GraphQL `auditCluster(input)` and the REST body of `POST /api/v1/cluster-audits`. Nothing is logged or kept. */
@InputType('ClusterAuditInput', { description: 'What kubectl prints about the cluster, pasted as it is.' })
@NeverRemembered()
export class ClusterAuditInputDto {
  @Field({
    description:
      `\`kubectl get nodes -o json\` output (at most ${CLUSTER_AUDIT_LIMITS.documentBytes} bytes, ${CLUSTER_AUDIT_LIMITS.nodes} Nodes and ${CLUSTER_AUDIT_LIMITS.items} items of any kind; ` +
      'the request body as a whole at most BODY_LIMIT_BYTES, 1 MiB by default). Items of a kind other than Node are left out.',
  })
  @IsString()
  @MaxLength(CLUSTER_AUDIT_LIMITS.documentBytes)
  nodesJson: string;

  /** `kubectl -n kube-system get configmap amazon-vpc-cni -o yaml` output. */
  @IsOptional()
  @IsString()
  @MaxLength(VPC_CNI_CONFIGMAP_MAX_BYTES)
  vpcCniConfigMap?: string;

  @Field(() => String, {
    nullable: true,
    description: `\`kubectl get networkpolicies -A -o yaml\` output (at most ${CLUSTER_AUDIT_LIMITS.policies} policies).`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(CLUSTER_AUDIT_LIMITS.documentBytes)
  networkPolicies?: string;

  /** Calico policies: `kubectl get networkpolicies.projectcalico.org,globalnetworkpolicies.projectcalico.org -A -o yaml` or `calicoctl get ... -o yaml`. */
  @IsOptional()
  @IsString()
  @MaxLength(CLUSTER_AUDIT_LIMITS.documentBytes)
  calicoPolicies?: string;

  /** Services in the cluster (kubectl get services -A --no-headers | wc -l): every Windows node programs them all. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(CLUSTER_AUDIT_LIMITS.services)
  servicesCount?: number;

  /** kube-proxy on the Windows nodes runs with --enable-dsr=true. Default: not known, taken as off. */
  @IsOptional()
  @IsBoolean()
  dsrEnabled?: boolean;

  /**
   * Kubernetes version "1.NN", for the kube-proxy DSR flags.
   * @example "1.31"
   */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  kubernetesVersion?: string;
}
