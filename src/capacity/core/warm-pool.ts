import { SOURCE } from '../../common/core/sources.js';
import { validationError } from '../../common/domain-error.js';
import { type CapacityWarning, type IpMode, type NodeOs } from './capacity.types.js';
import { IPS_PER_PREFIX, requireNonNegativeInteger, type NodeCapacity } from './node-capacity.js';

/**
 * Warm-pool targets. Windows reads warmIpTarget / minimumIpTarget / warmPrefixTarget (VPCRC ConfigMap);
 * Linux reads WARM_ENI_TARGET / WARM_IP_TARGET / MINIMUM_IP_TARGET / WARM_PREFIX_TARGET (ipamd).
 * Leave a field out for its default.
 */
export interface WarmPoolTargets {
  warmEniTarget?: number;
  warmIpTarget?: number;
  minimumIpTarget?: number;
  warmPrefixTarget?: number;
}

export interface WarmPoolInput {
  os: NodeOs;
  /** The mode in force (after fallbacks). */
  ipMode: IpMode;
  /** IPv4 addresses per ENI (I), primary included. */
  ipv4PerInterface: number;
  /** ENIs that can carry pod IPs (Linux E after reductions; Windows 1). */
  podEnis: number;
  /** Pods that take a VPC IP. */
  pods: number;
  targets?: WarmPoolTargets;
  /** Linux: ENIs attached that carry no pod IPs (custom-networking primary, SGP trunk), one address each. */
  nonPodEnis?: number;
}

export interface WarmPoolAllocation {
  /** ENIs attached (each holds a primary IP from the subnet). */
  enis: number;
  /** Secondary IPs attached (secondary-IP mode). */
  secondaryIps: number;
  /** /28 prefixes attached (PD). */
  prefixes: number;
  /** Pod IPs attached: secondary IPs, or 16 per prefix. */
  podIpsAttached: number;
  /** Attached but unused pod IPs. */
  unusedIps: number;
  /** Addresses taken from the subnet: ENI primaries + pod IPs attached. */
  subnetIps: number;
  /** Targets as applied (defaults filled in). */
  applied: Record<string, number>;
  formula: string[];
  warnings: CapacityWarning[];
}

const WINDOWS_SECONDARY_DEFAULTS = { warmIpTarget: 3, minimumIpTarget: 3 };
const WINDOWS_PD_DEFAULTS = { warmIpTarget: 1, minimumIpTarget: 3 };
const LINUX_DEFAULT_WARM_ENI_TARGET = 1;
const LINUX_DEFAULT_WARM_PREFIX_TARGET = 1;

/**
 * How many ENIs, IPs or prefixes one node holds for `pods` pods, with the warm pool.
 * Windows follows the VPCRC docs (docs/windows/*_config_options.md), Linux ipamd
 * (VPCCNI docs/eni-and-ip-target.md, docs/prefix-and-ip-target.md).
 */
export function computeWarmPool(input: WarmPoolInput): WarmPoolAllocation {
  const t = input.targets ?? {};
  for (const key of ['warmEniTarget', 'warmIpTarget', 'minimumIpTarget', 'warmPrefixTarget'] as const) {
    if (t[key] !== undefined) requireNonNegativeInteger(`warmPool.${key}`, t[key]);
  }
  requireNonNegativeInteger('podsPerNode', input.pods);
  const slots = input.ipv4PerInterface - 1;
  return input.os === 'WINDOWS' ? windowsPool(input, t, slots) : linuxPool(input, t, slots);
}

/**
 * The pool one node of a computed capacity holds at `pods` pods, in the mode really in force: what the
 * subnet gives it, warm IPs and minimum included. Under Windows prefix delegation that is
 * ceil(max(pods + warm, minimum) / 16) prefixes, so 16 pods take 2 (VPCRC docs/windows/prefix_delegation_config_options.md).
 */
export function poolOfNode(capacity: NodeCapacity, pods: number, targets?: WarmPoolTargets): WarmPoolAllocation {
  return computeWarmPool({
    os: capacity.os,
    ipMode: capacity.effectiveIpMode,
    ipv4PerInterface: capacity.slotsPerEni + 1,
    podEnis: capacity.podEnis,
    pods,
    nonPodEnis: capacity.nonPodEnis,
    ...(targets ? { targets } : {}),
  });
}

function windowsPool(input: WarmPoolInput, t: WarmPoolTargets, slots: number): WarmPoolAllocation {
  const warnings: CapacityWarning[] = [];
  const formula: string[] = [];
  const pods = input.pods;
  if (t.warmEniTarget !== undefined) {
    throw validationError(
      'warmPool.warmEniTarget',
      'windows-target',
      'WARM_ENI_TARGET is a Linux ipamd setting; Windows nodes use warm-ip-target, minimum-ip-target or warm-prefix-target (VPCRC)',
    );
  }
  warnings.push({
    code: 'WARM_IP_COOLDOWN',
    message: 'IPs released on Windows cool down 30 s before reuse: pod churn needs headroom beyond these figures.',
    source: SOURCE.VPCRC_SECONDARY,
  });
  if (input.ipMode === 'SECONDARY_IP') {
    let warm = t.warmIpTarget ?? WINDOWS_SECONDARY_DEFAULTS.warmIpTarget;
    const min = t.minimumIpTarget ?? WINDOWS_SECONDARY_DEFAULTS.minimumIpTarget;
    if (warm === 0) {
      warm = 1;
      formula.push('warm IP target 0 means 1 (on-demand allocation is not supported)');
    }
    if (t.warmPrefixTarget !== undefined) {
      warnings.push({
        code: 'WARM_POOL_TARGET_ADJUSTED',
        message: 'warm-prefix-target is ignored in secondary-IP mode.',
        source: SOURCE.VPCRC_SECONDARY,
      });
    }
    const want = Math.max(pods + warm, min);
    const secondary = Math.min(slots, want);
    formula.push(`secondary IPs = min(W, max(pods + warm, minimum)) = min(${slots}, max(${pods} + ${warm}, ${min})) = ${secondary}`);
    formula.push(`subnet IPs per node = 1 (node primary) + ${secondary} = ${1 + secondary}`);
    return done({
      enis: 1,
      secondaryIps: secondary,
      prefixes: 0,
      pods,
      applied: { warmIpTarget: warm, minimumIpTarget: min },
      formula,
      warnings,
    });
  }
  // Prefix delegation. pkg/pool/pool.go getPDDeviation counts a target as set only when it is above 0: warm-prefix-target
  // governs when neither warm-ip-target nor minimum-ip-target is; otherwise a warm IP target not above 0 is 1 and a
  // minimum not above 0 is 3 (pkg/config/loader.go keeps an explicit 0, the pool replaces it).
  const warmSet = (t.warmIpTarget ?? 0) > 0;
  const minSet = (t.minimumIpTarget ?? 0) > 0;
  const prefixSet = (t.warmPrefixTarget ?? 0) > 0;
  let wanted: number;
  let applied: Record<string, number>;
  if (!warmSet && !minSet && prefixSet) {
    const warmPrefix = t.warmPrefixTarget as number;
    const p = Math.ceil(pods / IPS_PER_PREFIX) + warmPrefix;
    wanted = p;
    applied = { warmPrefixTarget: warmPrefix };
    formula.push(`prefixes = ceil(pods / 16) + warm prefixes = ceil(${pods} / 16) + ${warmPrefix} = ${p}`);
    if (t.warmIpTarget !== undefined || t.minimumIpTarget !== undefined) {
      warnings.push({
        code: 'WARM_POOL_TARGET_ADJUSTED',
        message:
          'warm-ip-target and minimum-ip-target count only above 0: at 0 they do not override warm-prefix-target, which sizes the pool.',
        source: SOURCE.VPCRC_POOL,
      });
    }
  } else {
    const warm = warmSet ? (t.warmIpTarget as number) : WINDOWS_PD_DEFAULTS.warmIpTarget;
    const min = minSet ? (t.minimumIpTarget as number) : WINDOWS_PD_DEFAULTS.minimumIpTarget;
    if (t.warmIpTarget === 0 || t.minimumIpTarget === 0 || t.warmPrefixTarget === 0) {
      warnings.push({
        code: 'WARM_POOL_TARGET_ADJUSTED',
        message:
          'Zero warm targets are not supported with prefix delegation: the controller reads a target of 0 as unset and uses ' +
          `its defaults for it (warm-ip-target 1, minimum-ip-target 3): here warm-ip-target ${warm}, minimum-ip-target ${min}.`,
        source: `${SOURCE.VPCRC_PD}; ${SOURCE.VPCRC_POOL}`,
      });
    }
    const ips = Math.max(pods + warm, min);
    wanted = Math.ceil(ips / IPS_PER_PREFIX);
    applied = { warmIpTarget: warm, minimumIpTarget: min };
    formula.push(`prefixes = ceil(max(pods + warm, minimum) / 16) = ceil(max(${pods} + ${warm}, ${min}) / 16) = ${wanted}`);
  }
  const prefixes = Math.min(slots, wanted);
  if (prefixes !== wanted) formula.push(`prefixes = min(I - 1, ${wanted}) = min(${slots}, ${wanted}) = ${prefixes}`);
  formula.push(`subnet IPs per node = 1 (node primary) + 16 * ${prefixes} = ${1 + IPS_PER_PREFIX * prefixes}`);
  return done({ enis: 1, secondaryIps: 0, prefixes, pods, applied, formula, warnings });
}

function linuxPool(input: WarmPoolInput, t: WarmPoolTargets, slots: number): WarmPoolAllocation {
  const pool = linuxPodEniPool(input, t, slots);
  const extra = input.nonPodEnis ?? 0;
  if (extra === 0) return pool;
  // The custom-networking primary ENI and the SGP trunk are attached whatever the pods, one address each.
  const enis = pool.enis + extra;
  const formula = [
    ...pool.formula.slice(0, -1),
    `ENIs attached = pod ENIs + ENIs without pod IPs (custom-networking primary, SGP trunk) = ${pool.enis} + ${extra} = ${enis}`,
    `subnet IPs per node = ENIs + pod IPs = ${enis} + ${pool.podIpsAttached} = ${enis + pool.podIpsAttached}`,
  ];
  return { ...pool, enis, subnetIps: enis + pool.podIpsAttached, formula };
}

/** The ENIs that carry pod IPs and what they hold (none when no ENI may carry pods). */
function linuxPodEniPool(input: WarmPoolInput, t: WarmPoolTargets, slots: number): WarmPoolAllocation {
  const warnings: CapacityWarning[] = [];
  const formula: string[] = [];
  const pods = input.pods;
  if (input.podEnis === 0) {
    formula.push('no ENI may carry pod IPs: pod ENIs = 0, pod IPs = 0');
    formula.push('subnet IPs per node = 0');
    return done({ enis: 0, secondaryIps: 0, prefixes: 0, pods, applied: {}, formula, warnings });
  }
  const maxEnis = input.podEnis;
  const ipTargetsSet = t.warmIpTarget !== undefined || t.minimumIpTarget !== undefined;
  if (input.ipMode === 'SECONDARY_IP') {
    if (ipTargetsSet) {
      const warm = t.warmIpTarget ?? 0;
      const min = t.minimumIpTarget ?? 0;
      const secondary = Math.min(maxEnis * slots, Math.max(pods + warm, min));
      const enis = Math.max(1, Math.ceil(secondary / slots));
      formula.push(
        `secondary IPs = min(E * (I - 1), max(pods + WARM_IP_TARGET, MINIMUM_IP_TARGET)) = min(${maxEnis} * ${slots}, max(${pods} + ${warm}, ${min})) = ${secondary}`,
      );
      formula.push(`ENIs = max(1, ceil(${secondary} / ${slots})) = ${enis}`);
      formula.push(`subnet IPs per node = ENIs + secondary IPs = ${enis} + ${secondary} = ${enis + secondary}`);
      return done({
        enis,
        secondaryIps: secondary,
        prefixes: 0,
        pods,
        applied: { warmIpTarget: warm, minimumIpTarget: min },
        formula,
        warnings,
      });
    }
    const warmEni = t.warmEniTarget ?? LINUX_DEFAULT_WARM_ENI_TARGET;
    const enis = Math.min(maxEnis, Math.max(1, Math.ceil(pods / slots) + warmEni));
    const secondary = enis * slots;
    formula.push(
      `ENIs = min(E, max(1, ceil(pods / (I - 1)) + WARM_ENI_TARGET)) = min(${maxEnis}, max(1, ceil(${pods} / ${slots}) + ${warmEni})) = ${enis}`,
    );
    formula.push(`secondary IPs = ENIs * (I - 1) = ${enis} * ${slots} = ${secondary}`);
    formula.push(`subnet IPs per node = ENIs + secondary IPs = ${enis} + ${secondary} = ${enis + secondary}`);
    return done({ enis, secondaryIps: secondary, prefixes: 0, pods, applied: { warmEniTarget: warmEni }, formula, warnings });
  }
  // Linux prefix delegation.
  if (t.warmEniTarget !== undefined) {
    warnings.push({
      code: 'WARM_POOL_TARGET_ADJUSTED',
      message:
        'WARM_ENI_TARGET is not used to size the pool under prefix delegation: WARM_PREFIX_TARGET or WARM_IP_TARGET/MINIMUM_IP_TARGET do.',
      source: SOURCE.VPCCNI_PREFIX_IP_TARGET_DOC,
    });
  }
  let wanted: number;
  let applied: Record<string, number>;
  if (ipTargetsSet) {
    const warm = t.warmIpTarget ?? 0;
    const min = t.minimumIpTarget ?? 0;
    if (warm === 0 && min === 0) {
      throw validationError(
        'warmPool',
        'prefix-zero-targets',
        'WARM_IP_TARGET and MINIMUM_IP_TARGET both zero is not supported with prefix delegation (VPCCNI docs/prefix-and-ip-target.md)',
      );
    }
    wanted = Math.ceil(Math.max(pods + warm, min) / IPS_PER_PREFIX);
    applied = { warmIpTarget: warm, minimumIpTarget: min };
    formula.push(
      `prefixes = ceil(max(pods + WARM_IP_TARGET, MINIMUM_IP_TARGET) / 16) = ceil(max(${pods} + ${warm}, ${min}) / 16) = ${wanted}`,
    );
  } else {
    const warmPrefix = t.warmPrefixTarget ?? LINUX_DEFAULT_WARM_PREFIX_TARGET;
    if (warmPrefix === 0) {
      throw validationError(
        'warmPool.warmPrefixTarget',
        'prefix-zero-targets',
        'WARM_PREFIX_TARGET=0 is not supported with prefix delegation (VPCCNI docs/prefix-and-ip-target.md)',
      );
    }
    wanted = Math.ceil(pods / IPS_PER_PREFIX) + warmPrefix;
    applied = { warmPrefixTarget: warmPrefix };
    formula.push(`prefixes = ceil(pods / 16) + WARM_PREFIX_TARGET = ceil(${pods} / 16) + ${warmPrefix} = ${wanted}`);
  }
  const prefixes = Math.min(maxEnis * slots, wanted);
  if (prefixes !== wanted) formula.push(`prefixes = min(E * (I - 1), ${wanted}) = ${prefixes}`);
  const enis = Math.max(1, Math.ceil(prefixes / slots));
  formula.push(`ENIs = max(1, ceil(${prefixes} / ${slots})) = ${enis}`);
  formula.push(`subnet IPs per node = ENIs + 16 * prefixes = ${enis} + 16 * ${prefixes} = ${enis + IPS_PER_PREFIX * prefixes}`);
  return done({ enis, secondaryIps: 0, prefixes, pods, applied, formula, warnings });
}

/** The pool attached to one node, with how it was worked out. */
interface AttachedPool {
  enis: number;
  secondaryIps: number;
  prefixes: number;
  pods: number;
  applied: Record<string, number>;
  formula: string[];
  warnings: CapacityWarning[];
}

function done({ enis, secondaryIps, prefixes, pods, applied, formula, warnings }: AttachedPool): WarmPoolAllocation {
  const podIpsAttached = secondaryIps + prefixes * IPS_PER_PREFIX;
  return {
    enis,
    secondaryIps,
    prefixes,
    podIpsAttached,
    unusedIps: Math.max(0, podIpsAttached - pods),
    subnetIps: enis + podIpsAttached,
    applied,
    formula,
    warnings,
  };
}
