import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { EnumField, registerEnum, type EnumOf } from '../common/graphql-enum.js';
import type * as core from './core/index.js';

export const AuditSeverityEnum: EnumOf<core.AuditSeverity> = { ERROR: 'ERROR', WARNING: 'WARNING', INFO: 'INFO' };
registerEnum(AuditSeverityEnum, {
  name: 'AuditSeverity',
  description: 'ERROR breaks pods or traffic; WARNING wastes capacity or risks it; INFO could be better.',
});
export const AuditSubjectKindEnum: EnumOf<core.AuditSubjectKind> = {
  CLUSTER: 'CLUSTER',
  NODE_GROUP: 'NODE_GROUP',
  NODE: 'NODE',
  POLICY: 'POLICY',
  CONFIG_MAP: 'CONFIG_MAP',
};
registerEnum(AuditSubjectKindEnum, { name: 'AuditSubjectKind', description: 'What a finding is about.' });
type GroupOs = core.AuditNodeGroup['os'];
export const AuditNodeOsEnum: EnumOf<GroupOs> = { WINDOWS: 'WINDOWS', LINUX: 'LINUX', UNKNOWN: 'UNKNOWN' };
registerEnum(AuditNodeOsEnum, {
  name: 'AuditNodeOs',
  description: 'Operating system of a node group (UNKNOWN when its nodes differ or say none).',
});

@ObjectType('ClusterAuditFix', { description: 'What to do, and the template that renders it when one applies.' })
export class ClusterAuditFix {
  @Field() @ApiProperty() text: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ type: String, nullable: true }) templateId: string | null;
}

@ObjectType({ description: 'One problem found, naming its node group, node, policy or ConfigMap.' })
export class ClusterAuditFinding {
  @Field() @ApiProperty({ example: 'WINDOWS_NODE_FEWER_IPS' }) code: string;
  @EnumField(AuditSeverityEnum) severity: core.AuditSeverity;
  @EnumField(AuditSubjectKindEnum) subjectKind: core.AuditSubjectKind;
  @Field({ description: 'Node group, node, namespace/name of a policy, or kube-system/amazon-vpc-cni.' }) @ApiProperty() subject: string;
  /** Nodes concerned (at most 20; nodeCount has them all). */
  nodes: string[];
  @Field(() => Int) @ApiProperty() nodeCount: number;
  @Field() @ApiProperty() message: string;
  /** Formulas with values, figures, a Windows-safe rewrite. */
  details: string[];
  @Field(() => ClusterAuditFix) @ApiProperty({ type: ClusterAuditFix }) fix: ClusterAuditFix;
  @Field({ description: 'Upstream repository and path.' }) @ApiProperty() source: string;
  /** Where in the policy, e.g. spec.egress[0].to[0].ipBlock.except. */
  path: string | null;
}

@ObjectType({
  description:
    'A node group as the node labels give it (eks.amazonaws.com/nodegroup, alpha.eksctl.io/nodegroup-name, karpenter.sh/nodepool).',
})
export class ClusterAuditNodeGroup {
  @Field() @ApiProperty() name: string;
  @EnumField(AuditNodeOsEnum) os: GroupOs;
  @Field(() => [String]) @ApiProperty({ type: [String] }) instanceTypes: string[];
  @Field(() => Int) @ApiProperty() nodes: number;
}

@ObjectType({ description: 'The cluster as pasted, and what is wrong with it.' })
export class ClusterAudit {
  @Field(() => Int) @ApiProperty() nodes: number;
  @Field(() => Int) @ApiProperty() windowsNodes: number;
  @Field(() => Int) @ApiProperty() linuxNodes: number;
  @Field(() => [ClusterAuditNodeGroup]) @ApiProperty({ type: [ClusterAuditNodeGroup] }) nodeGroups: ClusterAuditNodeGroup[];
  @Field(() => Int) @ApiProperty() policiesChecked: number;
  @Field(() => Int, { nullable: true }) @ApiProperty({ type: Number, nullable: true }) servicesCount: number | null;
  @Field(() => [ClusterAuditFinding]) @ApiProperty({ type: [ClusterAuditFinding] }) findings: ClusterAuditFinding[];
}

export function toClusterAuditModel(a: core.ClusterAudit): ClusterAudit {
  return {
    ...a,
    nodeGroups: a.nodeGroups.map((g) => ({ ...g, instanceTypes: [...g.instanceTypes] })),
    findings: a.findings.map((f) => ({ ...f, nodes: [...f.nodes], details: [...f.details], fix: { ...f.fix } })),
  };
}
