import {
  assessWindowsEligibility,
  computeNodeCapacity,
  EC2_WINDOWS_UNSUPPORTED_TYPES,
  type WindowsPriceListFact,
} from '../../capacity/core/index.js';
import { catalogNotLoadedError, unknownInstanceTypeError } from '../../catalog/core/catalog-errors.js';
import { validationError } from '../../common/domain-error.js';
import type { RenderCatalog, RenderWarning, WindowsIpMode } from './policy-template.model.js';

/**
 * Pods a Windows node of this type can run: the capacity engine's min(kubelet max-pods, W), with
 * kubelet's Windows default of 110 (aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc).
 * m5.large: 9 in secondary-IP mode, 110 with prefix delegation (W = 144, capped by kubelet).
 * SERVICE_UNAVAILABLE while no catalog is loaded; INSTANCE_TYPE_NOT_FOUND for a type it does not have.
 */
export function windowsMaxPods(catalog: RenderCatalog | null, instanceType: string, ipMode: WindowsIpMode): number {
  if (!catalog) throw catalogNotLoadedError();
  const facts = catalog.byName.get(instanceType);
  if (!facts) throw unknownInstanceTypeError(instanceType, catalog.types);
  return computeNodeCapacity({
    instanceType: facts,
    os: 'WINDOWS',
    ipMode: ipMode === 'prefix-delegation' ? 'PREFIX_DELEGATION' : 'SECONDARY_IP',
  }).maxPods;
}

/**
 * Refuses a type the catalog does not have (INSTANCE_TYPE_NOT_FOUND, with suggestions), whatever
 * the template does with it; nothing to check without a catalog (a render outside the service).
 */
export function requireKnownInstanceType(catalog: RenderCatalog | null | undefined, instanceType: string): void {
  if (catalog === undefined) return;
  if (!catalog) throw catalogNotLoadedError();
  if (!catalog.byName.has(instanceType)) throw unknownInstanceTypeError(instanceType, catalog.types);
}

/** The catalog's types of a family (`m5`), by name; none while no catalog is loaded. */
export function familyInstanceTypes(catalog: RenderCatalog | null | undefined, family: string): string[] {
  return (catalog?.types ?? []).filter((t) => t.family === family).map((t) => t.name);
}

/** Gates of assessWindowsEligibility a type cannot pass by waiting: no EKS Windows AMI, or EC2 refuses Windows on it. */
const NEVER_WINDOWS = new Map([
  ['WINDOWS_UNSUPPORTED_ARCHITECTURE', 'WINDOWS_UNSUPPORTED_ARCHITECTURE'],
  ['WINDOWS_NOT_OFFERED_BY_EC2', 'EC2_REFUSES_WINDOWS'],
]);

/**
 * Types a template is to run Windows nodes on. A type that can never be a Windows node (arm64 or Mac:
 * no EKS-optimized Windows AMI; or EC2 refuses Windows on it) is a VALIDATION_FAILED naming the parameter
 * (and the item of a list), not a manifest EKS or EC2 refuses at apply time; a type the controller's tables do not
 * know yet stays a warning for the caller (its tables grow with controller rollouts). Unknown types are
 * INSTANCE_TYPE_NOT_FOUND. Without a catalog (a render outside the service) only EC2's known refusals are checked.
 * A type only the newer copy of the controller's table knows (aws/karpenter-provider-aws
 * pkg/providers/instancetype/zz_generated.vpclimits.go, not aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go)
 * is pushed to `warnings`: its max-pods come from the newer table, and the cluster's controller may not advertise
 * vpc.amazonaws.com/PrivateIPv4Address for it yet (VPCRC pkg/node/node.go), as nodeCapacity and sizing warn.
 * With `priceListFor` answering for a type (a refresh read the AWS Price List of the template's region), EC2's
 * Windows gate follows that read, not the known list, as nodeCapacity and sizing do for a region.
 */
export function requireWindowsNodeTypes(
  catalog: RenderCatalog | null | undefined,
  parameter: string,
  value: string | readonly string[],
  warnings?: RenderWarning[],
  priceListFor?: (instanceType: string) => WindowsPriceListFact | undefined,
): void {
  const list = typeof value === 'string' ? [value] : value;
  list.forEach((name, i) => {
    const item = typeof value === 'string' ? name : `item [${i}] ${name}`;
    let reasons;
    if (catalog === undefined) {
      if (!EC2_WINDOWS_UNSUPPORTED_TYPES.includes(name)) return;
      reasons = assessWindowsEligibility({ name, architectures: ['x86_64'] }).reasons;
    } else {
      if (!catalog) throw catalogNotLoadedError();
      const facts = catalog.byName.get(name);
      if (!facts) throw unknownInstanceTypeError(name, catalog.types);
      const priceList = priceListFor?.(name);
      reasons = assessWindowsEligibility(facts, priceList ? { priceList } : {}).reasons;
    }
    const blocking = reasons.find((r) => NEVER_WINDOWS.has(r.code));
    if (blocking) {
      throw validationError(
        parameter,
        NEVER_WINDOWS.get(blocking.code)!,
        `Parameter "${parameter}": ${item} cannot be a Windows node: ${blocking.message} (${blocking.source}); remove it`,
      );
    }
    const newer = reasons.find((r) => r.code === 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS');
    if (newer && warnings) warnings.push({ code: newer.code, message: newer.message, source: newer.source });
  });
}

/**
 * Families a Windows NodePool allows: each must have types in the catalog (else VALIDATION_FAILED with the
 * catalog's closest family names) and at least one member that can be a Windows node (m6g is all arm64,
 * p4d all refused by EC2: a NodePool limited to it never launches). Nothing to check without a catalog.
 */
export function requireWindowsFamilies(catalog: RenderCatalog | null | undefined, parameter: string, families: readonly string[]): void {
  if (catalog === undefined) return;
  if (!catalog) throw catalogNotLoadedError();
  families.forEach((family, i) => {
    const members = catalog.types.filter((t) => t.family === family);
    if (members.length === 0) {
      const near = [...new Set(catalog.types.map((t) => t.family))].filter((f) => f.startsWith(family.slice(0, 1))).slice(0, 8);
      throw validationError(
        parameter,
        'UNKNOWN_FAMILY',
        `Parameter "${parameter}": item [${i}] ${family} is not a family of the instance catalog${near.length ? ` (families starting like it: ${near.join(', ')})` : ''}`,
      );
    }
    const reasons = members.map((t) => assessWindowsEligibility(t).reasons.find((r) => NEVER_WINDOWS.has(r.code)));
    if (reasons.every((r) => r !== undefined)) {
      throw validationError(
        parameter,
        'NO_WINDOWS_TYPES',
        `Parameter "${parameter}": item [${i}] ${family} has no type that can be a Windows node (${members.length} types; ${members[0].name}: ${reasons[0]!.message}); remove it`,
      );
    }
  });
}
