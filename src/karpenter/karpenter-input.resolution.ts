import { parseEksServiceCidr, parseKubernetesMinor } from '../capacity/core/index.js';
import type { InstanceTypeFacts } from '../catalog/core/instance-type.facts.js';
import { DomainError, validationError } from '../common/domain-error.js';
import {
  KARPENTER_PLAN_LIMITS,
  requireIpv4Cidr,
  requireWindowsServerForKubernetes,
  type KarpenterWindowsPlanInput,
  type KarpenterWindowsPlanRequest,
} from './core/index.js';

/**
 * The second half of the edge's one validation of a Karpenter plan request. The validation pipe has
 * checked shape and bounds (types, enums, integers and their ranges, list sizes, lengths, unknown
 * fields); this checks what its decorators cannot say (the EKS cluster name, the Kubernetes version,
 * the Windows Server release for it, the CIDRs, at least one type or family, known types and families,
 * the number of types they name), naming the field it rejects, and resolves the names to catalog facts.
 * The core takes the result as it is.
 */

/** What the request's names resolve against: the in-memory catalog. */
export interface KarpenterCatalog {
  /** Facts of a type; may throw a DomainError or return undefined for an unknown name. */
  lookup(name: string): InstanceTypeFacts | undefined;
  /** Every type of the catalog, in any order (a family is the types whose `family` it is). */
  types: readonly InstanceTypeFacts[];
}

const CLUSTER_NAME = /^[A-Za-z][-A-Za-z0-9]{0,99}$/;
const FAMILY = /^[a-z][a-z0-9-]{0,30}$/;

const byName = (a: InstanceTypeFacts, b: InstanceTypeFacts) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function lookUp(catalog: KarpenterCatalog, name: string, i: number): InstanceTypeFacts {
  let facts: InstanceTypeFacts | undefined;
  try {
    facts = catalog.lookup(name);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
  }
  if (!facts) {
    throw validationError(
      `instanceTypes[${i}]`,
      'known-instance-type',
      `instanceTypes[${i}]: "${name}" is not an instance type in the catalog; use a name like m5.large`,
    );
  }
  return facts;
}

/** The types asked for, in order: the named types first, then each family's types by name; each once. */
function resolveTypes(names: readonly string[], families: readonly string[], catalog: KarpenterCatalog): InstanceTypeFacts[] {
  const types: InstanceTypeFacts[] = [];
  const seen = new Set<string>();
  const add = (t: InstanceTypeFacts) => {
    if (!seen.has(t.name)) types.push(t);
    seen.add(t.name);
  };
  names.forEach((name, i) => add(lookUp(catalog, name, i)));
  families.forEach((family, i) => {
    const members = FAMILY.test(family) ? catalog.types.filter((t) => t.family === family) : [];
    if (members.length === 0) {
      throw validationError(
        `instanceFamilies[${i}]`,
        'known-instance-family',
        `instanceFamilies[${i}]: "${family}" is not an instance family in the catalog; use the part before the dot of a type name, like m5 or c6i`,
      );
    }
    [...members].sort(byName).forEach(add);
  });
  if (types.length > KARPENTER_PLAN_LIMITS.instanceTypes) {
    throw validationError(
      'instanceFamilies',
      'too-many-types',
      `the types and families name ${types.length} instance types; at most ${KARPENTER_PLAN_LIMITS.instanceTypes}: list fewer families`,
    );
  }
  return types;
}

/**
 * Checks a request the validation pipe accepted and resolves its types and families: the core's
 * request. A field left out or null (GraphQL sends null) takes its default. Throws `validationError`
 * (VALIDATION_FAILED naming the field) on the first problem.
 */
export function toKarpenterWindowsRequest(input: KarpenterWindowsPlanInput, catalog: KarpenterCatalog): KarpenterWindowsPlanRequest {
  if (!CLUSTER_NAME.test(input.clusterName)) {
    throw validationError(
      'clusterName',
      'eks-cluster-name',
      `clusterName "${input.clusterName}" is not an EKS cluster name: a letter, then letters, digits and "-", at most 100 characters`,
    );
  }
  const kubernetesVersion = `1.${parseKubernetesMinor(input.kubernetesVersion)}`;
  const windowsServerVersion = requireWindowsServerForKubernetes(input.windowsServerVersion, kubernetesVersion);
  const names = input.instanceTypes ?? [];
  const families = input.instanceFamilies ?? [];
  if (names.length + families.length === 0) {
    throw validationError('instanceTypes', 'required', 'give instanceTypes (e.g. ["m5.large"]) or instanceFamilies (e.g. ["m5"]), or both');
  }
  const types = resolveTypes(names, families, catalog);
  const { count, cpuMillicores, memoryMiB } = input.windowsPods;
  return {
    input: {
      clusterName: input.clusterName,
      kubernetesVersion,
      windowsServerVersion,
      ipMode: input.ipMode,
      instanceTypes: [...names],
      instanceFamilies: [...families],
      windowsPods: { count, cpuMillicores, memoryMiB },
      servicesPerNode: input.servicesPerNode ?? 0,
      serviceIpv4Cidr:
        input.serviceIpv4Cidr === undefined || input.serviceIpv4Cidr === null
          ? null
          : parseEksServiceCidr(input.serviceIpv4Cidr, 'serviceIpv4Cidr').cidr,
      excludedSnatCidrs: (input.excludedSnatCidrs ?? []).map((c, i) => requireIpv4Cidr(`excludedSnatCidrs[${i}]`, c).cidr),
      kubeletMaxPods: input.kubeletMaxPods ?? null,
    },
    types,
  };
}
