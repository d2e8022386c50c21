import { ObjectType } from '@nestjs/graphql';

import type * as core from './core/index.js';

@ObjectType({ description: 'What to do, and the template of policyTemplates that renders it when one applies.' })
export class DiagnosisFix {
  text: string;
  /**
   * Render it with renderTemplate(id, parameters).
   * @example vpc-cni-windows-ipam-configmap
   */
  templateId: string | null;
}

@ObjectType({ description: 'One symptom recognised, what causes it, what to check (in order) and how to fix it.' })
export class DiagnosisFinding {
  /**
   * @example INSUFFICIENT_PRIVATE_IPV4_ADDRESS
   */
  code: string;
  /** The line that matched, quoted (or the artefact fact). */
  symptom: string;
  /** 1-based line of the first match in the pasted text. */
  line: number | null;
  /** Events the matching lines stand for: a repeated event's (xN over ...), COUNT column or count / series.count, else 1 a line. */
  occurrences: number;
  cause: string;
  checks: string[];
  fix: DiagnosisFix;
  /** Upstream repository and path. */
  source: string;
  /** What the cluster facts make certain: formulas with values, flags, OS builds. */
  details: string[];
}

@ObjectType({ description: 'Get-HnsPolicyList read: ELB policies (one per Service port) and DSR.' })
export class HnsPolicyCheck {
  policies: number;
  elbPolicies: number;
  dsrPolicies: number;
  /** Every ELB policy has IsDSR=True. */
  dsrEnabled: boolean;
  firstNonDsrLine: string | null;
  servicesLimit: number;
  /** More ELB policies than the limit without DSR. */
  exhaustionRisk: boolean;
}

@ObjectType({ description: "vpc-bridge.conf read: the Service CIDR the node uses against the cluster's." })
export class ServiceCidrCheck {
  serviceCidr: string | null;
  eniIpAddresses: string[];
  /** What the EKS Windows AMI picks without -ServiceCIDR (10.x primary IP: 172.20.0.0/16, else 10.100.0.0/16). */
  defaultServiceCidr: string | null;
  dnsServers: string[];
  clusterServiceCidr: string | null;
  /** null when the cluster CIDR was not given. */
  matches: boolean | null;
}

@ObjectType({ description: 'The findings for what was pasted; empty when nothing is recognised.' })
export class Diagnosis {
  findings: DiagnosisFinding[];
  linesRead: number;
  hnsPolicies: HnsPolicyCheck | null;
  serviceCidr: ServiceCidrCheck | null;
}

export function toDiagnosisModel(d: core.Diagnosis): Diagnosis {
  return {
    findings: d.findings.map((f) => ({ ...f, checks: [...f.checks], fix: { ...f.fix }, details: [...f.details] })),
    linesRead: d.linesRead,
    hnsPolicies: d.hnsPolicies ? { ...d.hnsPolicies } : null,
    serviceCidr: d.serviceCidr
      ? { ...d.serviceCidr, eniIpAddresses: [...d.serviceCidr.eniIpAddresses], dnsServers: [...d.serviceCidr.dnsServers] }
      : null,
  };
}
