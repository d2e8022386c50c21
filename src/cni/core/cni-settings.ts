import { WINDOWS_SERVER_FACTS } from '../../capacity/core/index.js';
import { SOURCE } from '../../common/core/sources.js';
import { windowsPrefixDelegationKubeletMaxPods } from './cni-consequences.js';
import {
  consequenceOf,
  exhaustedInSecondaryIp,
  findServiceCidrMismatches,
  names,
  podsPerNodeWanted,
  type CniContext,
} from './cni-context.js';
import type { ResolvedNodeGroup } from './cni-plan.js';
import { provisionerWindowsSettings } from './cni-provisioner-settings.js';
import { CNI_TEMPLATE_IDS as T } from './cni-template-ids.js';
import type { CniOption, CniSetting, DsrRecommendation, NetworkPolicyRecommendation } from './cni.types.js';

const WINDOWS_AMI_FAMILY_HINT = 'WindowsServer2022CoreContainer';

/** What to apply for the recommended option, the policy engine and DSR, in this order. */
export function buildSettings(
  ctx: CniContext,
  recommended: CniOption | null,
  policy: NetworkPolicyRecommendation,
  dsr: DsrRecommendation,
): CniSetting[] {
  const windowsOk = ctx.windows.length > 0 && !ctx.windowsBlockedBy;
  return [
    ...(recommended && recommended !== 'CALICO_OVERLAY' && windowsOk ? windowsSettings(ctx, recommended, dsr) : []),
    ...linuxSettings(ctx, recommended),
    ...policySettings(policy),
  ];
}

/** The Windows side of a VPC CNI option: IPAM, each node group, the Service CIDR, eksctl's DSR flags. */
function windowsSettings(ctx: CniContext, recommended: Exclude<CniOption, 'CALICO_OVERLAY'>, dsr: DsrRecommendation): CniSetting[] {
  const settings = windowsIpamSettings(ctx, recommended);
  for (const g of ctx.windows) settings.push(...windowsNodeGroupSettings(ctx, g, recommended, dsr));
  settings.push(...serviceCidrSettings(ctx, dsr));
  if (dsr.enable && ctx.r.normalized.provisioner === 'EKSCTL') settings.push(eksctlDsrSetting(ctx, dsr));
  return combineTerraformStrings(settings);
}

/** The Terraform node group variables that are one string each: applied one by one, a later value replaces an earlier one. */
const TERRAFORM_STRING_VARIABLES: Readonly<Record<string, string>> = {
  // Arguments appended to the one Start-EKSBootstrap.ps1 call (terraform-aws-modules/terraform-aws-eks templates/windows_user_data.tpl).
  bootstrap_extra_args: ' ',
  // PowerShell run before the bootstrap call: one script, a statement a line.
  pre_bootstrap_user_data: '\n',
};

/**
 * One setting per single-string Terraform variable per node group: the value holds every part (max-pods, DSR,
 * Service CIDR), in the order they were found, and the reason names each part with its own reason.
 */
function combineTerraformStrings(settings: readonly CniSetting[]): CniSetting[] {
  const out: CniSetting[] = [];
  const parts = new Map<CniSetting, CniSetting[]>();
  for (const x of settings) {
    const joiner = x.target === 'TERRAFORM_NODE_GROUP' ? TERRAFORM_STRING_VARIABLES[x.key] : undefined;
    const first =
      joiner === undefined ? undefined : out.find((o) => o.target === x.target && o.key === x.key && o.nodeGroup === x.nodeGroup);
    if (!first) {
      out.push(x);
      continue;
    }
    parts.set(first, [...(parts.get(first) ?? [first]), x]);
  }
  return out.map((x) => {
    const all = parts.get(x);
    if (!all) return x;
    return {
      ...x,
      value: all.map((p) => String(p.value)).join(TERRAFORM_STRING_VARIABLES[x.key]),
      reason: `One ${x.key} for ${x.nodeGroup}, with all ${all.length} parts: ${all.map((p, i) => `(${i + 1}) ${p.value}: ${p.reason}`).join(' ')}`,
      source: [...new Set(all.flatMap((p) => p.source.split('; ')))].join('; '),
    };
  });
}

/** The VPC Resource Controller's ConfigMap: Windows IPAM, prefix delegation and its warm pool, or a lean pool on fragmented subnets. */
function windowsIpamSettings(ctx: CniContext, recommended: CniOption): CniSetting[] {
  const n = ctx.r.normalized;
  const settings: CniSetting[] = [];
  settings.push({
    target: 'VPC_CNI_CONFIGMAP',
    key: 'enable-windows-ipam',
    value: 'true',
    templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
    reason: 'Turns on Windows IPAM in the VPC Resource Controller.',
    source: SOURCE.UG_WINDOWS_SUPPORT,
  });
  if (recommended === 'VPC_CNI_PREFIX_DELEGATION') {
    settings.push(
      {
        target: 'VPC_CNI_CONFIGMAP',
        key: 'enable-windows-prefix-delegation',
        value: 'true',
        templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
        reason: 'Prefix delegation for Windows nodes (Nitro/bare metal; Xen types stay in secondary-IP mode).',
        source: SOURCE.BPG_PREFIX_WINDOWS,
      },
      {
        target: 'VPC_CNI_CONFIGMAP',
        key: 'warm-ip-target',
        value: '1',
        templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
        reason: 'PD warm pool default: 1 free IP; with minimum-ip-target it overrides warm-prefix-target.',
        source: SOURCE.VPCRC_PD,
      },
      {
        target: 'VPC_CNI_CONFIGMAP',
        key: 'minimum-ip-target',
        value: '3',
        templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
        reason: 'PD warm pool default minimum: 3 IPs.',
        source: SOURCE.VPCRC_PD,
      },
    );
  } else if (n.subnetsFragmented) {
    const wanted = Math.max(
      1,
      ...ctx.windows.map((g) => Math.min(podsPerNodeWanted(g), consequenceOf(ctx, 'VPC_CNI_SECONDARY_IP', g).workloadPodsPerNode)),
    );
    settings.push(
      {
        target: 'VPC_CNI_CONFIGMAP',
        key: 'warm-ip-target',
        value: '1',
        templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
        reason: 'Fragmented subnets: keep one idle IP per node instead of the default 3.',
        source: SOURCE.VPCRC_SECONDARY,
      },
      {
        target: 'VPC_CNI_CONFIGMAP',
        key: 'minimum-ip-target',
        value: String(wanted),
        templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
        reason: `Pre-allocate the pods a node is expected to run (${wanted}) so IPs are taken once, not churned.`,
        source: SOURCE.VPCRC_SECONDARY,
      },
    );
  }
  return settings;
}

/** One Windows node group: its provisioner's settings, or eksctl's node group fields. */
function windowsNodeGroupSettings(ctx: CniContext, g: ResolvedNodeGroup, recommended: CniOption, dsr: DsrRecommendation): CniSetting[] {
  const n = ctx.r.normalized;
  if (n.provisioner !== 'EKSCTL') {
    const pd = recommended === 'VPC_CNI_PREFIX_DELEGATION' && consequenceOf(ctx, recommended, g).effectiveIpMode === 'PREFIX_DELEGATION';
    return provisionerWindowsSettings({
      provisioner: n.provisioner,
      nodeGroup: g.name,
      maxPods: pd ? windowsPrefixDelegationKubeletMaxPods(g.facts) : null,
      dsrFlags: dsr.enable ? dsr.kubeProxyFlags : null,
      ...(g.windowsServerVersion ? { windowsServerVersion: g.windowsServerVersion } : {}),
    });
  }
  return eksctlNodeGroupSettings(ctx, g, recommended, dsr);
}

function eksctlNodeGroupSettings(ctx: CniContext, g: ResolvedNodeGroup, recommended: CniOption, dsr: DsrRecommendation): CniSetting[] {
  const settings: CniSetting[] = [];
  const release = g.windowsServerVersion ? WINDOWS_SERVER_FACTS[g.windowsServerVersion] : null;
  settings.push(
    release
      ? {
          target: 'EKSCTL_NODE_GROUP',
          key: 'amiFamily',
          value: release.eksctlAmiFamilies.core,
          nodeGroup: g.name,
          templateId: T.EKSCTL_WINDOWS_CLUSTER,
          reason: `Windows Server ${release.year} Core (${release.eksctlAmiFamilies.full} for the Full image)${release.minKubernetesMinor ? `; eksctl needs EKS >= 1.${release.minKubernetesMinor}` : ''}; container images must be built for OS build ${release.osBuild}.`,
          source: SOURCE.WINDOWS_SERVER_VERSIONS,
        }
      : {
          target: 'EKSCTL_NODE_GROUP',
          key: 'amiFamily',
          value: WINDOWS_AMI_FAMILY_HINT,
          nodeGroup: g.name,
          templateId: T.EKSCTL_WINDOWS_CLUSTER,
          reason: 'A hint: Windows Server 2022 Core (EKS >= 1.23); WindowsServer2025CoreContainer needs EKS >= 1.35.',
          source: SOURCE.EKSCTL_SCHEMA_AMI_MAX_PODS,
        },
  );
  if (recommended === 'VPC_CNI_PREFIX_DELEGATION') {
    const c = consequenceOf(ctx, recommended, g);
    if (c.effectiveIpMode === 'PREFIX_DELEGATION') {
      const maxPods = windowsPrefixDelegationKubeletMaxPods(g.facts);
      settings.push(
        {
          target: 'EKSCTL_NODE_GROUP',
          key: 'maxPodsPerNode',
          value: maxPods,
          nodeGroup: g.name,
          templateId: T.EKSCTL_WINDOWS_CLUSTER,
          reason: `Becomes kubelet --max-pods: 110, up to 250 above 30 vCPUs, but no more than the type's (I - 1) * 16 pod IPs (${c.maxPodsPerNode} schedulable).`,
          source: SOURCE.BPG_PREFIX_WINDOWS,
        },
        {
          target: 'KUBELET',
          key: '--max-pods',
          value: maxPods,
          nodeGroup: g.name,
          templateId: T.EKSCTL_WINDOWS_CLUSTER,
          reason: "Self-managed bootstrap: Start-EKSBootstrap.ps1 -KubeletExtraArgs '--max-pods=N'.",
          source: SOURCE.BPG_PREFIX_WINDOWS,
        },
      );
    }
  }
  if (dsr.enable) {
    settings.push({
      target: 'EKSCTL_NODE_GROUP',
      key: 'preBootstrapCommands',
      value: `kube-proxy ${dsr.kubeProxyFlags.join(' ')}`,
      nodeGroup: g.name,
      templateId: T.WINDOWS_USERDATA_DSR_PATCH,
      reason:
        'eksctl preBootstrapCommands / managed node groups: patch the bootstrap script before it runs so kube-proxy starts with DSR (when you own the bootstrap call, pass -KubeProxyExtraArgs instead).',
      source: `${SOURCE.BPG_WINDOWS_NETWORKING}; ${SOURCE.KEP_5100}`,
    });
  }
  return settings;
}

/**
 * The cluster's Service CIDR (and its kube-dns .10) for the Windows groups whose derived default is not
 * the cluster's, said where the group's provisioner takes it: Start-EKSBootstrap.ps1's -ServiceCIDR and
 * -DNSClusterIP where you own the bootstrap call, else the SERVICE_IPV4_CIDR machine variable the
 * script reads, set before EKS's or Karpenter's own call (Karpenter passes -DNSClusterIP itself).
 */
function serviceCidrSettings(ctx: CniContext, dsr: DsrRecommendation): CniSetting[] {
  const settings: CniSetting[] = [];
  const provisioner = ctx.r.normalized.provisioner;
  for (const m of findServiceCidrMismatches(ctx)) {
    const cluster = ctx.r.serviceCidr!;
    const g = m.group.name;
    const defaults = m.wrong.map((w) => w.serviceCidr).join(', ');
    const because = `The nodes of ${g} would default to ${defaults}`;
    const envVar = `SERVICE_IPV4_CIDR=${cluster.cidr}`;
    switch (provisioner) {
      case 'KARPENTER':
        settings.push({
          target: 'KARPENTER_EC2NODECLASS',
          key: 'spec.userData',
          value: envVar,
          nodeGroup: g,
          templateId: T.KARPENTER_WINDOWS_NODEPOOL,
          reason: `${because}: Karpenter never passes -ServiceCIDR, so set the machine variable in userData, which runs before its bootstrap call (template parameter serviceIpv4Cidr).`,
          source: `${SOURCE.KARPENTER_WINDOWS_SERVICE_CIDR}; ${SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR}`,
        });
        break;
      case 'TERRAFORM_SELF_MANAGED':
        settings.push({
          target: 'TERRAFORM_NODE_GROUP',
          key: 'bootstrap_extra_args',
          value: `-ServiceCIDR '${cluster.cidr}' -DNSClusterIP '${cluster.dnsClusterIp}'`,
          nodeGroup: g,
          templateId: T.TERRAFORM_WINDOWS_SELF_MANAGED,
          reason: `${because}: pass the cluster's Service CIDR and its kube-dns ClusterIP (the .10) on the module's Start-EKSBootstrap.ps1 call (template parameters serviceIpv4Cidr, dnsClusterIp).`,
          source: `${SOURCE.TERRAFORM_WINDOWS_USER_DATA}; ${SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR}`,
        });
        break;
      case 'TERRAFORM_MANAGED':
      case 'MANAGED_NODE_GROUP': {
        const terraform = provisioner === 'TERRAFORM_MANAGED';
        settings.push({
          target: terraform ? 'TERRAFORM_NODE_GROUP' : 'EKSCTL_NODE_GROUP',
          key: terraform ? 'pre_bootstrap_user_data' : 'preBootstrapCommands',
          value: envVar,
          nodeGroup: g,
          templateId: terraform ? T.TERRAFORM_WINDOWS_MANAGED : null,
          reason: `${because}: EKS owns the bootstrap call of a managed group without a custom AMI, so set the machine variable before it runs.`,
          source: `${SOURCE.TERRAFORM_MANAGED_USER_DATA_ISSUE}; ${SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR}`,
        });
        break;
      }
      case 'EKSCTL':
        // eksctl's own call passes both (SOURCE.EKSCTL_WINDOWS_BOOTSTRAP); the DSR userdata template replaces that call.
        if (!dsr.enable) break;
        settings.push(
          {
            target: 'WINDOWS_BOOTSTRAP',
            key: '-ServiceCIDR',
            value: cluster.cidr,
            nodeGroup: g,
            templateId: T.WINDOWS_USERDATA_BOOTSTRAP_DSR,
            reason: `${because}: the DSR userdata template replaces eksctl's bootstrap call, which passed the cluster's Service CIDR, so pass it to Start-EKSBootstrap.ps1 (template parameter serviceIpv4Cidr).`,
            source: `${SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR}; ${SOURCE.EKSCTL_WINDOWS_BOOTSTRAP}`,
          },
          {
            target: 'WINDOWS_BOOTSTRAP',
            key: '-DNSClusterIP',
            value: cluster.dnsClusterIp,
            nodeGroup: g,
            templateId: T.WINDOWS_USERDATA_BOOTSTRAP_DSR,
            reason: `The kube-dns ClusterIP of ${cluster.cidr} (its .10), instead of the derived ${m.wrong.map((w) => w.dnsClusterIp).join(', ')}.`,
            source: SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR,
          },
        );
        break;
    }
  }
  return settings;
}

function eksctlDsrSetting(ctx: CniContext, dsr: DsrRecommendation): CniSetting {
  return {
    target: 'KUBE_PROXY',
    key: '-KubeProxyExtraArgs',
    value: dsr.kubeProxyFlags.join(' '),
    templateId: T.WINDOWS_USERDATA_BOOTSTRAP_DSR,
    reason: `DSR flags for Kubernetes ${ctx.r.normalized.kubernetesVersion}, passed to Start-EKSBootstrap.ps1 when you own the bootstrap call (self-managed launch template, custom AMI).`,
    source: SOURCE.KEP_5100,
  };
}

/** The Linux side: prefix delegation, enhanced subnet discovery, custom networking. */
function linuxSettings(ctx: CniContext, recommended: CniOption | null): CniSetting[] {
  const settings: CniSetting[] = [];
  if (recommended === 'VPC_CNI_PREFIX_DELEGATION' && ctx.linux.length) {
    settings.push({
      target: 'VPC_CNI_ADDON',
      key: 'ENABLE_PREFIX_DELEGATION',
      value: 'true',
      templateId: null,
      reason: 'Prefix delegation for the Linux nodes too (aws-node; Nitro, VPC CNI >= 1.9.0).',
      source: SOURCE.BPG_PREFIX_WINDOWS,
    });
  }
  const exhaustedLinux = exhaustedInSecondaryIp(ctx, ctx.linux);
  if ((recommended === 'VPC_CNI_SECONDARY_IP' || recommended === 'VPC_CNI_PREFIX_DELEGATION') && exhaustedLinux.length) {
    settings.push(
      {
        target: 'EC2_SUBNET_TAG',
        key: 'kubernetes.io/role/cni',
        value: '1',
        templateId: null,
        reason: `Enhanced subnet discovery: tag extra subnets in the availability zones of ${names(exhaustedLinux)} so Linux pods draw IPs from them (=0 excludes a subnet). Linux nodes only.`,
        source: SOURCE.UG_CNI_SUBNET_SELECTION,
      },
      {
        target: 'VPC_CNI_ADDON',
        key: 'ENABLE_SUBNET_DISCOVERY',
        value: 'true',
        templateId: null,
        reason: 'On by default from VPC CNI 1.18; keep it on.',
        source: SOURCE.UG_CNI_SUBNET_SELECTION,
      },
    );
  }
  if (recommended === 'VPC_CNI_CUSTOM_NETWORKING' && ctx.linux.length) {
    settings.push(
      {
        target: 'VPC_CNI_ADDON',
        key: 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG',
        value: 'true',
        templateId: null,
        reason: 'Custom networking for the Linux nodes: pods draw IPs from the ENIConfig subnets.',
        source: SOURCE.UG_CUSTOM_NETWORKING,
      },
      {
        target: 'VPC_CNI_ADDON',
        key: 'ENI_CONFIG_LABEL_DEF',
        value: 'topology.kubernetes.io/zone',
        templateId: null,
        reason: 'One ENIConfig per availability zone, named after the zone.',
        source: SOURCE.UG_CUSTOM_NETWORKING,
      },
    );
  }
  return settings;
}

function policySettings(policy: NetworkPolicyRecommendation): CniSetting[] {
  const settings: CniSetting[] = [];
  if (policy.engine === 'CALICO_POLICY_ONLY') {
    settings.push(
      {
        target: 'CALICO_INSTALLATION',
        key: 'cni.type',
        value: 'AmazonVPC',
        templateId: T.CALICO_POLICY_ONLY_INSTALLATION,
        reason: 'Calico enforces policy only; the VPC CNI keeps networking pods.',
        source: SOURCE.TIGERA_EKS,
      },
      {
        target: 'VPC_CNI_ADDON',
        key: 'ANNOTATE_POD_IP',
        value: 'true',
        templateId: T.CALICO_POLICY_ONLY_INSTALLATION,
        reason: 'aws-node annotates pod IPs so Calico learns them without delay.',
        source: SOURCE.TIGERA_EKS,
      },
      {
        target: 'VPC_CNI_ADDON',
        key: 'enableNetworkPolicy',
        value: 'false',
        templateId: T.CALICO_POLICY_ONLY_INSTALLATION,
        reason: 'The VPC CNI policy agent is Linux-only and conflicts with Calico.',
        source: SOURCE.UG_CNI_NETPOL,
      },
    );
  } else if (policy.engine === 'VPC_CNI') {
    settings.push({
      target: 'VPC_CNI_ADDON',
      key: 'enableNetworkPolicy',
      value: 'true',
      templateId: null,
      reason: 'VPC CNI (>= 1.14) network policy for Linux pods.',
      source: SOURCE.UG_CNI_NETPOL,
    });
  }
  return settings;
}
