import { ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { formatCsv } from '../common/csv.js';
import { EnumField } from '../common/graphql-enum.js';
import type { InstanceTypeFacts } from '../catalog/core/instance-type.facts.js';
import type * as core from './core/index.js';
import { noAllocatableSummary } from './core/index.js';
import { IpModeEnum, MaxPodsLimitEnum, NodeOsEnum, VpcLimitsTableEnum } from './capacity-enums.js';
import { CapacityWarning } from './capacity.models.js';

/**
 * One row of the pods table: what `nodeCapacity` answers for one instance type, OS and IP mode
 * with the default options, cut to the figures a table needs (the formula steps stay, on request over REST;
 * the inputs go).
 */
@ObjectType({ description: 'Pods per node for one instance type, OS and IP mode: the figures of nodeCapacity with default options.' })
export class PodCapacityRow {
  /**
   * @example m5.large
   */
  instanceType: string;

  @EnumField(NodeOsEnum)
  os: core.NodeOs;

  @EnumField(IpModeEnum, { description: 'The mode asked for.' })
  ipMode: core.IpMode;

  @EnumField(IpModeEnum, { description: 'The mode really in force (prefix delegation falls back to secondary IP off Nitro).' })
  effectiveIpMode: core.IpMode;

  /**
   * What the IP math allows (Windows W; Linux includes the 2 host-network pods).
   * @example 9
   */
  ipLimitedPods: number;

  /**
   * What the node advertises as its pods capacity, as nodeCapacity gives it: min(IP limit, kubelet max-pods) after the
   * support rules; 0 when the type cannot be used. A node whose reservations leave no memory or CPU still advertises it but
   * holds no pod: then reason is NO_ALLOCATABLE_RESOURCES.
   * @example 9
   */
  maxPods: number;

  @EnumField(MaxPodsLimitEnum)
  limitedBy: core.MaxPodsLimit;

  /**
   * Kubelet --max-pods in force (Windows default 110; Linux the calculator recommendation).
   * @example 110
   */
  kubeletMaxPods: number | null;

  @EnumField(VpcLimitsTableEnum, {
    nullable: true,
    description:
      'Windows: the controller table W came from (KARPENTER_NEWER: the cluster may not advertise it yet); null for Linux or when neither knows the type.',
  })
  limitsTable: core.VpcLimitsTable | null;

  /** The arithmetic with values put in, as nodeCapacity gives it (REST: only with include=formula). */
  @ApiProperty({ required: false, example: ['W = I - 1 = 10 - 1 = 9', 'maxPods = min(kubelet max-pods, W) = min(110, 9) = 9'] })
  formula: string[];

  /**
   * Why no pod runs on such a node, with the source: the type cannot be used (limitedBy UNSUPPORTED), or its reservations
   * leave no memory or CPU for pods (NO_ALLOCATABLE_RESOURCES, nodeCapacity's warning in one sentence); else null.
   */
  reason: CapacityWarning | null;
}

/** The warnings that say a type cannot be used at all, most fundamental first. */
const UNUSABLE_CODES = ['WINDOWS_UNSUPPORTED_ARCHITECTURE', 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS'];

/** One row of `c`, the capacity of a node of type `t`. */
export function toPodCapacityRow(t: InstanceTypeFacts, c: core.NodeCapacity): PodCapacityRow {
  let reason: CapacityWarning | null = null;
  if (c.limitedBy === 'UNSUPPORTED') {
    const why = UNUSABLE_CODES.map((code) => c.warnings.find((w) => w.code === code)).find((w) => w !== undefined) ?? c.warnings[0];
    if (why) reason = { code: why.code, message: why.message, source: why.source };
  } else {
    // Short: the whole catalog's JSON stays under 1.5 MB (nodeCapacity's warning, formula and all, took it to 1.507 MB).
    reason = noAllocatableSummary(t, c);
  }
  return {
    instanceType: c.instanceType,
    os: c.os,
    ipMode: c.requestedIpMode,
    effectiveIpMode: c.effectiveIpMode,
    ipLimitedPods: c.ipLimitedPods,
    maxPods: c.maxPods,
    limitedBy: c.limitedBy,
    kubeletMaxPods: c.kubeletMaxPods,
    limitsTable: c.limitsTable,
    formula: [...c.formula],
    reason,
  };
}

/** A row as REST JSON sends it unless `include=formula` asks for the steps. */
export function withoutFormula(r: PodCapacityRow): Omit<PodCapacityRow, 'formula'> {
  const { formula: _formula, ...rest } = r;
  return rest;
}

/**
 * The table as CSV: the row's fields (the formula steps joined by "; " when asked for), then the
 * reason flattened into reasonCode, reason and reasonSource.
 */
export function formatPodCapacityCsv(rows: ReadonlyArray<PodCapacityRow>, includeFormula: boolean): string {
  const header = [
    'instanceType',
    'os',
    'ipMode',
    'effectiveIpMode',
    'ipLimitedPods',
    'maxPods',
    'limitedBy',
    'kubeletMaxPods',
    'limitsTable',
    ...(includeFormula ? ['formula'] : []),
    'reasonCode',
    'reason',
    'reasonSource',
  ];
  return formatCsv(
    header,
    rows.map((r) => [
      r.instanceType,
      r.os,
      r.ipMode,
      r.effectiveIpMode,
      r.ipLimitedPods,
      r.maxPods,
      r.limitedBy,
      r.kubeletMaxPods,
      r.limitsTable,
      ...(includeFormula ? [r.formula.join('; ')] : []),
      r.reason?.code ?? null,
      r.reason?.message ?? null,
      r.reason?.source ?? null,
    ]),
  );
}
