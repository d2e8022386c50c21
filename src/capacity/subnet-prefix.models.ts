import { ObjectType } from '@nestjs/graphql';

import { EnumField, registerEnum } from '../common/graphql-enum.js';
import * as core from './core/index.js';
import { IpModeEnum } from './capacity-enums.js';
import { CapacityInputValue, CapacityWarning } from './capacity.models.js';

/** The subnet /28 map as GraphQL types and OpenAPI schemas; a REST body equals a full GraphQL selection. */

export const PrefixBlockKindEnum = registerEnum(core.PrefixBlockKind, {
  name: 'PrefixBlockKind',
  description:
    'An aligned /28: FREE, USED (a delegated prefix), SPOILED (holds a /32 or AWS-reserved addresses), RESERVED (free, inside a CIDR reservation).',
});
export const PrefixRangeKindEnum = registerEnum(core.PrefixRangeKind, {
  name: 'PrefixRangeKind',
  description: 'Where a block lies: outside reservations, in a prefix reservation, or in an explicit one.',
});
export const PrefixRemedyKindEnum = registerEnum(core.PrefixRemedyKind, {
  name: 'PrefixRemedyKind',
  description: 'Reserve a free aligned range for prefixes, or create a dedicated subnet.',
});
export const PrefixFitLimitEnum = registerEnum(core.PrefixFitLimit, {
  name: 'PrefixFitLimit',
  description:
    'What runs out first for new nodes: free /28 blocks, or addresses; UNSUPPORTED when a node of the type never runs a Windows pod (as nodeCapacity says; the reasons are in warnings).',
});

@ObjectType({ description: 'Block counts: blocks = free + reserved + used + spoiled.' })
export class SubnetPrefixCounts {
  blocks: number;
  free: number;
  used: number;
  spoiled: number;
  /** Free blocks inside a CIDR reservation. */
  reserved: number;
  /** Free blocks EC2 may delegate as prefixes: free unreserved plus free in prefix reservations. */
  availableForPrefixes: number;
}

@ObjectType({ description: 'The subnet outside reservations, or one CIDR reservation, with its block counts.' })
export class SubnetPrefixRange {
  cidr: string;
  @EnumField(PrefixRangeKindEnum)
  kind: core.PrefixRangeKind;
  reservationId: string | null;
  description: string | null;
  blocks: number;
  free: number;
  used: number;
  spoiled: number;
  availableForPrefixes: number;
}

@ObjectType({ description: 'One aligned /28 block.' })
export class SubnetPrefixBlock {
  index: number;
  cidr: string;
  @EnumField(PrefixBlockKindEnum)
  kind: core.PrefixBlockKind;
  @EnumField(PrefixRangeKindEnum)
  range: core.PrefixRangeKind;
  /** Addresses of the block taken by /32s. */
  addressesTaken: number;
  /** What spoils or uses it (at most three). */
  notes: string[];
}

@ObjectType({ description: 'How many more Windows prefix-delegation nodes of a type fit: one /32 plus ceil(pods / 16) prefixes each.' })
export class WindowsPrefixNodeFit {
  instanceType: string;
  @EnumField(IpModeEnum)
  requestedIpMode: core.IpMode;
  @EnumField(IpModeEnum, { description: 'SECONDARY_IP when the type is not Nitro (the controller ignores prefix delegation there).' })
  effectiveIpMode: core.IpMode;
  podsPerNode: number;
  prefixesPerNode: number;
  addressesPerNode: number;
  /** Worst case: each new /32 spoils a free block. */
  nodesThatFit: number;
  /** Best case: new /32s land in already spoiled blocks. */
  nodesThatFitBestCase: number;
  /** The 1-based new node that gets InsufficientCidrBlocks (worst case). */
  insufficientCidrBlocksAtNode: number | null;
  @EnumField(PrefixFitLimitEnum)
  limitedBy: core.PrefixFitLimit;
  nodeCount: number | null;
  /** nodeCount fits (worst case); null without nodeCount. */
  fits: boolean | null;
  formula: string[];
}

@ObjectType({ description: 'What to do when the nodes do not fit.' })
export class SubnetPrefixRemedy {
  @EnumField(PrefixRemedyKindEnum)
  kind: core.PrefixRemedyKind;
  /** The CIDR to reserve, or the size of the new subnet ("/20"). */
  cidr: string;
  blocks: number;
  message: string;
  command: string | null;
  source: string;
}

@ObjectType({ description: "A subnet's aligned /28 blocks from its real allocations." })
export class SubnetPrefixAvailability {
  subnetCidr: string;
  subnetId: string | null;
  counts: SubnetPrefixCounts;
  ranges: SubnetPrefixRange[];
  blocks: SubnetPrefixBlock[];
  addressesRead: number;
  prefixesRead: number;
  ignoredOutsideSubnet: number;
  nodes: WindowsPrefixNodeFit | null;
  remedy: SubnetPrefixRemedy | null;
  formula: string[];
  formulaText: string;
  inputs: CapacityInputValue[];
  warnings: CapacityWarning[];
}

export function toSubnetPrefixAvailabilityModel(m: core.SubnetPrefixMap): SubnetPrefixAvailability {
  return {
    subnetCidr: m.subnetCidr,
    subnetId: m.subnetId,
    counts: { ...m.counts },
    ranges: m.ranges.map((r) => ({ ...r })),
    blocks: m.blocks.map((b) => ({ ...b, notes: [...b.notes] })),
    addressesRead: m.addressesRead,
    prefixesRead: m.prefixesRead,
    ignoredOutsideSubnet: m.ignoredOutsideSubnet,
    nodes: m.nodes ? { ...m.nodes, formula: [...m.nodes.formula] } : null,
    remedy: m.remedy ? { ...m.remedy } : null,
    formula: [...m.formula],
    formulaText: m.formula.join('\n'),
    inputs: m.inputs.map((v) => ({ name: v.name, value: v.value, note: v.note ?? null })),
    warnings: m.warnings.map((w) => ({ code: w.code, message: w.message, source: w.source })),
  };
}
