import { ObjectType } from '@nestjs/graphql';

import { EnumField, registerEnum } from '../common/graphql-enum.js';
import * as core from './core/index.js';

export const AuditSeverityEnum = registerEnum(core.AuditSeverity, {
  name: 'AuditSeverity',
  description: 'ERROR breaks pods or traffic; WARNING wastes capacity or risks it; INFO could be better.',
});
export const AuditSubjectKindEnum = registerEnum(core.AuditSubjectKind, {
  name: 'AuditSubjectKind',
  description: 'What a finding is about.',
});
export const AuditNodeOsEnum = registerEnum(core.AuditNodeOs, {
  name: 'AuditNodeOs',
  description: 'Operating system of a node group (UNKNOWN when its nodes differ or say none).',
});

@ObjectType('ClusterAuditFix', { description: 'What to do, and the template that renders it when one applies.' })
export class ClusterAuditFix {
  text: string;
  templateId: string | null;
}

@ObjectType({ description: 'One problem found, naming its node group, node, policy or ConfigMap.' })
export class ClusterAuditFinding {
  /**
   * @example WINDOWS_NODE_FEWER_IPS
   */
  code: string;
  @EnumField(AuditSeverityEnum)
  severity: core.AuditSeverity;
  @EnumField(AuditSubjectKindEnum)
  subjectKind: core.AuditSubjectKind;
  /** Node group, node, namespace/name of a policy, or kube-system/amazon-vpc-cni. */
  subject: string;
  /** Nodes concerned (at most 20; nodeCount has them all). */
  nodes: string[];
  nodeCount: number;
  message: string;
  /** Formulas with values, figures, a Windows-safe rewrite. */
  details: string[];
  fix: ClusterAuditFix;
  /** Upstream repository and path. */
  source: string;
  /** Where in the policy, e.g. spec.egress[0].to[0].ipBlock.except. */
  path: string | null;
}

@ObjectType({
  description:
    'A node group as the node labels give it (eks.amazonaws.com/nodegroup, alpha.eksctl.io/nodegroup-name, karpenter.sh/nodepool).',
})
export class ClusterAuditNodeGroup {
  name: string;
  @EnumField(AuditNodeOsEnum)
  os: core.AuditNodeOs;
  instanceTypes: string[];
  nodes: number;
}

@ObjectType({ description: 'The cluster as pasted, and what is wrong with it.' })
export class ClusterAudit {
  nodes: number;
  windowsNodes: number;
  linuxNodes: number;
  nodeGroups: ClusterAuditNodeGroup[];
  policiesChecked: number;
  servicesCount: number | null;
  findings: ClusterAuditFinding[];
}

export function toClusterAuditModel(a: core.ClusterAudit): ClusterAudit {
  return {
    ...a,
    nodeGroups: a.nodeGroups.map((g) => ({ ...g, instanceTypes: [...g.instanceTypes] })),
    findings: a.findings.map((f) => ({ ...f, nodes: [...f.nodes], details: [...f.details], fix: { ...f.fix } })),
  };
}
