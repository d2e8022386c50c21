import { WINDOWS_SERVER_FACTS, windowsAmiType, type WindowsServerVersion } from '../../capacity/core/index.js';
import { SOURCE } from '../../common/core/sources.js';
import { karpenterWindowsAmiAlias } from '../../karpenter/core/karpenter-windows-plan.js';
import { CNI_TEMPLATE_IDS } from './cni-template-ids.js';
import type { CniSetting, NodeProvisioner } from './cni.types.js';

/**
 * The per-Windows-node-group settings for provisioners other than eksctl self-managed groups: the
 * same facts (AMI, kubelet max-pods under prefix delegation, kube-proxy DSR) said where that
 * provisioner takes them, with the template that renders them.
 */
export interface ProvisionerSettingsInput {
  provisioner: Exclude<NodeProvisioner, 'EKSCTL'>;
  nodeGroup: string;
  /** kubelet max-pods to set (prefix delegation in force on the group), or null. */
  maxPods: number | null;
  /** kube-proxy DSR flags when DSR is to be enabled, else null. */
  dsrFlags: readonly string[] | null;
  /** The group's Windows Server release; the AMI hint is for 2022 when not given. */
  windowsServerVersion?: WindowsServerVersion;
}

/**
 * Why the AMI setting names this release: the group's own windowsServerVersion (its EKS gate and container OS
 * build), or, when not given, a hint for 2022 with the 2025 name as the alternative.
 */
function releaseReason(version: WindowsServerVersion | undefined, name2025: string): string {
  if (!version) return `A hint: Windows Server 2022 Core (EKS >= 1.23); ${name2025} needs EKS >= 1.35.`;
  const f = WINDOWS_SERVER_FACTS[version];
  return (
    `Windows Server ${f.year} Core, the group's windowsServerVersion${f.minKubernetesMinor ? ` (EKS >= 1.${f.minKubernetesMinor})` : ''}; ` +
    `container images must be built for OS build ${f.osBuild}.`
  );
}

export function provisionerWindowsSettings(p: ProvisionerSettingsInput): CniSetting[] {
  const T = CNI_TEMPLATE_IDS;
  const g = p.nodeGroup;
  const flags = p.dsrFlags?.join(' ');
  const release = p.windowsServerVersion ?? 'WINDOWS_SERVER_2022';
  const releaseSource = p.windowsServerVersion ? `; ${SOURCE.WINDOWS_SERVER_VERSIONS}` : '';
  const out: CniSetting[] = [];
  switch (p.provisioner) {
    case 'KARPENTER':
      out.push({
        target: 'KARPENTER_EC2NODECLASS',
        key: 'spec.amiSelectorTerms[].alias',
        value: karpenterWindowsAmiAlias(release),
        nodeGroup: g,
        templateId: T.KARPENTER_WINDOWS_NODEPOOL,
        reason: `${releaseReason(p.windowsServerVersion, 'windows2025@latest')} The NodePool keeps out arm64 and the types EC2 refuses for Windows.`,
        source: `${SOURCE.KARPENTER_WINDOWS_EXAMPLE}${releaseSource}`,
      });
      if (p.maxPods !== null) {
        out.push({
          target: 'KARPENTER_EC2NODECLASS',
          key: 'spec.kubelet.maxPods',
          value: p.maxPods,
          nodeGroup: g,
          templateId: T.KARPENTER_WINDOWS_NODEPOOL,
          reason:
            'Under PD kubelet, not IPs, bounds pods. Karpenter still plans I - 1 Windows IPs a node whatever the IP mode and launches extra nodes: planKarpenterWindows shows how many.',
          source: SOURCE.KARPENTER_WINDOWS_PD_ISSUES,
        });
      }
      if (flags) {
        out.push({
          target: 'KARPENTER_EC2NODECLASS',
          key: 'spec.userData',
          value: `DSR patch of Start-EKSBootstrap.ps1: kube-proxy ${flags}`,
          nodeGroup: g,
          templateId: T.KARPENTER_WINDOWS_NODEPOOL,
          reason:
            'Karpenter never passes -KubeProxyExtraArgs; its EC2NodeClass userData runs before its bootstrap call, so the fail-loudly patch goes there.',
          source: `${SOURCE.KARPENTER_WINDOWS_DSR_ISSUE}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR_PATCH}`,
        });
      }
      return out;
    case 'TERRAFORM_SELF_MANAGED':
    case 'TERRAFORM_MANAGED': {
      const id = p.provisioner === 'TERRAFORM_MANAGED' ? T.TERRAFORM_WINDOWS_MANAGED : T.TERRAFORM_WINDOWS_SELF_MANAGED;
      out.push(
        {
          target: 'TERRAFORM_NODE_GROUP',
          key: 'version',
          value: '>= 21.24.1, < 22.0.0',
          nodeGroup: g,
          templateId: id,
          reason:
            'terraform-aws-modules/eks/aws before v21.24.1 swapped the Core and Full Windows images of 2019 and 2022; the template renders v21 inputs.',
          source: SOURCE.TERRAFORM_WINDOWS_AMI_ISSUES,
        },
        {
          target: 'TERRAFORM_NODE_GROUP',
          key: 'ami_type',
          value: windowsAmiType(release, 'Core'),
          nodeGroup: g,
          templateId: id,
          reason: releaseReason(p.windowsServerVersion, 'WINDOWS_CORE_2025_x86_64'),
          source: `${SOURCE.TERRAFORM_WINDOWS_AMI_ISSUES}${releaseSource}`,
        },
      );
      const managed = p.provisioner === 'TERRAFORM_MANAGED';
      if (p.maxPods !== null) {
        // A managed group without a custom AMI never reads bootstrap_extra_args: no Terraform variable takes
        // max-pods there, so the setting is the kubelet's, saying it needs a custom AMI (as MANAGED_NODE_GROUP).
        out.push(
          managed
            ? {
                target: 'KUBELET',
                key: '--max-pods',
                value: p.maxPods,
                nodeGroup: g,
                templateId: id,
                reason:
                  'Under PD kubelet, not IPs, bounds pods, but EKS owns the bootstrap call of a managed group without a custom AMI: the kubelet keeps 110 unless you set ami_id and bootstrap_extra_args = "-KubeletExtraArgs \'--max-pods=N\'".',
                source: `${SOURCE.TERRAFORM_MANAGED_USER_DATA_ISSUE}; ${SOURCE.BPG_PREFIX_WINDOWS}`,
              }
            : {
                target: 'TERRAFORM_NODE_GROUP',
                key: 'bootstrap_extra_args',
                value: `-KubeletExtraArgs '--max-pods=${p.maxPods}'`,
                nodeGroup: g,
                templateId: id,
                reason:
                  'Under PD kubelet, not IPs, bounds pods; the module appends bootstrap_extra_args to the Start-EKSBootstrap.ps1 call.',
                source: `${SOURCE.TERRAFORM_WINDOWS_USER_DATA}; ${SOURCE.BPG_PREFIX_WINDOWS}`,
              },
        );
      }
      if (flags) {
        out.push(
          managed
            ? {
                target: 'TERRAFORM_NODE_GROUP',
                key: 'pre_bootstrap_user_data',
                value: `DSR patch of Start-EKSBootstrap.ps1: kube-proxy ${flags}`,
                nodeGroup: g,
                templateId: id,
                reason:
                  'EKS owns the bootstrap call of a managed group without a custom AMI: patch the script before it runs, failing loudly when it no longer matches.',
                source: `${SOURCE.TERRAFORM_MANAGED_USER_DATA_ISSUE}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR_PATCH}`,
              }
            : {
                target: 'TERRAFORM_NODE_GROUP',
                key: 'bootstrap_extra_args',
                value: `-KubeProxyExtraArgs '${flags}'`,
                nodeGroup: g,
                templateId: id,
                reason: 'A self-managed group owns its Start-EKSBootstrap.ps1 call: pass the DSR flags to kube-proxy directly.',
                source: `${SOURCE.TERRAFORM_WINDOWS_USER_DATA}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR_PATCH}`,
              },
        );
      }
      return out;
    }
    case 'MANAGED_NODE_GROUP':
      out.push({
        target: 'EKSCTL_NODE_GROUP',
        key: 'amiFamily',
        value: WINDOWS_SERVER_FACTS[release].eksctlAmiFamilies.core,
        nodeGroup: g,
        templateId: T.EKSCTL_WINDOWS_CLUSTER,
        reason: `In managedNodeGroups (nodeGroupType "managed"): ${releaseReason(p.windowsServerVersion, 'WindowsServer2025CoreContainer')}`,
        source: `${SOURCE.EKSCTL_SCHEMA}${releaseSource}`,
      });
      if (p.maxPods !== null) {
        out.push({
          target: 'KUBELET',
          key: '--max-pods',
          value: p.maxPods,
          nodeGroup: g,
          templateId: null,
          reason:
            'Under PD kubelet, not IPs, bounds pods, but an EKS managed Windows group without a custom AMI owns the bootstrap call: the kubelet keeps 110 unless you launch it from a custom AMI.',
          source: `${SOURCE.TERRAFORM_MANAGED_USER_DATA_ISSUE}; ${SOURCE.BPG_PREFIX_WINDOWS}`,
        });
      }
      if (flags) {
        out.push({
          target: 'EKSCTL_NODE_GROUP',
          key: 'preBootstrapCommands',
          value: `kube-proxy ${flags}`,
          nodeGroup: g,
          templateId: T.WINDOWS_USERDATA_DSR_PATCH,
          reason:
            'A managed group does not let you pass -KubeProxyExtraArgs: patch the bootstrap script before it runs, failing loudly when it no longer matches.',
          source: SOURCE.BPG_WINDOWS_NETWORKING_DSR_PATCH,
        });
      }
      return out;
  }
}
