import type { InstanceTypeFacts } from '../catalog/core/instance-type.facts.js';
import { parseEksServiceCidr } from '../capacity/core/index.js';
import type { DiagnosisInput, DiagnosisRequest } from './core/index.js';

/**
 * What the service does before the core: drops the fields GraphQL sends as null (the core treats a
 * present key as given) and resolves the instance type named to its catalog facts (null when the
 * catalog does not know it: a diagnosis says so rather than failing), and checks the cluster's Service
 * CIDR as the CNI route does (an IPv4 /12 to /24 block: a finding against "x" would mean nothing).
 * The catalog goes along for the types the pasted text names.
 */
export function toDiagnosisRequest(input: DiagnosisInput, catalog: ReadonlyMap<string, InstanceTypeFacts>): DiagnosisRequest {
  const { instanceType, ...rest } = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
  ) as DiagnosisInput;
  const name = instanceType?.trim();
  if (rest.serviceIpv4Cidr !== undefined && rest.serviceIpv4Cidr.trim() !== '')
    rest.serviceIpv4Cidr = parseEksServiceCidr(rest.serviceIpv4Cidr).cidr;
  return { ...rest, ...(name ? { instanceType: { name, facts: catalog.get(name) ?? null } } : {}), catalog };
}
