import { validationError } from '../../common/domain-error.js';
import { parseEksServiceCidr } from '../../capacity/core/ipv4-cidr.js';
import { kubernetesMinor, requireDnsClusterIpInServiceCidr } from './parameter.validation.js';
import type { JsonValue, RenderOptions, RenderWarning, TemplateParameter, WindowsIpMode } from './policy-template.model.js';
import { SOURCE } from '../../common/core/sources.js';
import type { TemplateDefinition } from './template.definition.js';
import { requireKnownInstanceType, requireWindowsNodeTypes, windowsMaxPods } from './render-catalog.js';
import {
  DSR_PATCH_ANCHOR,
  bootstrapArgumentMap,
  kubeProxyDsrFlags,
  renderBootstrapUserData,
  renderDsrPatchScript,
} from './windows-bootstrap.render.js';
import {
  WINDOWS_SERVER_FACTS,
  WINDOWS_SERVER_SOURCE,
  WINDOWS_SERVER_VERSIONS,
  type WindowsServerVersion,
} from '../../capacity/core/windows-server.js';

/**
 * Configuration templates: the VPC Resource Controller ConfigMap, an eksctl ClusterConfig, Windows
 * userdata (bootstrap call and DSR patch) and the Calico policy-only Installation for EKS.
 * Sources: the SOURCE entries each template cites (src/common/core/sources.ts).
 */

export const WINDOWS_AMI_FAMILIES = [
  'WindowsServer2019CoreContainer',
  'WindowsServer2019FullContainer',
  'WindowsServer2022CoreContainer',
  'WindowsServer2022FullContainer',
  'WindowsServer2025CoreContainer',
  'WindowsServer2025FullContainer',
] as const;

/** Lowest EKS (Kubernetes) minor each Windows Server release runs on (eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json). */
export const MIN_KUBERNETES_MINOR_FOR_WINDOWS: Record<string, number> = {
  WindowsServer2019: 0,
  WindowsServer2022: 23,
  WindowsServer2025: 35,
};

/** Throws when the AMI family needs a newer EKS version than the one asked for. */
export function checkAmiFamilyForVersion(parameter: string, amiFamily: string, kubernetesVersion: string): void {
  const release = amiFamily.slice(0, 'WindowsServerYYYY'.length);
  const minimum = MIN_KUBERNETES_MINOR_FOR_WINDOWS[release] ?? 0;
  if (kubernetesMinor(kubernetesVersion) < minimum) {
    throw validationError(
      parameter,
      'AMI_FAMILY_KUBERNETES_VERSION',
      `Parameter "${parameter}": ${amiFamily} needs EKS 1.${minimum} or later, but kubernetesVersion is ${kubernetesVersion} (${SOURCE.UG_WINDOWS})`,
    );
  }
}

/**
 * windowsAmiFamily left out: the family is this template's default, so the problem is the version the caller gave
 * (kubernetesVersion, or windowsServerVersion when it picked the family), not a parameter they never set.
 */
function checkDefaultAmiFamilyForVersion(amiFamily: string, kubernetesVersion: string, release: WindowsServerVersion | undefined): void {
  const minimum = MIN_KUBERNETES_MINOR_FOR_WINDOWS[amiFamily.slice(0, 'WindowsServerYYYY'.length)] ?? 0;
  if (kubernetesMinor(kubernetesVersion) >= minimum) return;
  const pickedBy = release
    ? `the Core image of windowsServerVersion ${release}`
    : 'the default when neither windowsAmiFamily nor windowsServerVersion is given';
  const instead = release
    ? 'or choose an older windowsServerVersion'
    : 'or set windowsAmiFamily (or windowsServerVersion) to a Windows Server 2019 image';
  throw validationError(
    'kubernetesVersion',
    'AMI_FAMILY_KUBERNETES_VERSION',
    `Parameter "kubernetesVersion": ${kubernetesVersion} is too old for the Windows AMI family ${amiFamily} (${pickedBy}), which needs EKS 1.${minimum} or later (${SOURCE.UG_WINDOWS}); use kubernetesVersion 1.${minimum} or later, ${instead}`,
  );
}

const IP_MODES: readonly WindowsIpMode[] = ['secondary-ip', 'prefix-delegation'];

function windowsServerVersionParameter(description: string): TemplateParameter {
  return {
    name: 'windowsServerVersion',
    type: 'string',
    enum: WINDOWS_SERVER_VERSIONS,
    required: false,
    default: null,
    example: 'WINDOWS_SERVER_2022',
    description,
  };
}

/** Calico for Windows supports 2019 and 2022 only; on 2025 HNS turns an endpoint default-deny once any ACL applies. */
function calicoWindowsServerWarning(version: WindowsServerVersion): RenderWarning | null {
  const f = WINDOWS_SERVER_FACTS[version];
  if (f.calicoSupported) return null;
  return {
    code: 'CALICO_WINDOWS_SERVER_UNSUPPORTED',
    message:
      `Calico for Windows does not support Windows Server ${f.year} (it supports 2019 and 2022): NetworkPolicy is not enforced on these nodes, ` +
      'and on Windows Server 2025 HNS switches an endpoint to default-deny as soon as any ACL policy is applied to it. Put the pods that need ' +
      'NetworkPolicy on Windows Server 2022 nodes.',
    source: `${WINDOWS_SERVER_SOURCE.CALICO}; ${WINDOWS_SERVER_SOURCE.HNS_DEFAULT_DENY}`,
  };
}

function osBuildWarning(version: WindowsServerVersion): RenderWarning {
  const f = WINDOWS_SERVER_FACTS[version];
  return {
    code: 'WINDOWS_CONTAINER_OS_BUILD',
    message:
      `Windows Server ${f.year} nodes run OS build ${f.osBuild} (node.kubernetes.io/windows-build=${f.osBuild}): build container images for it, ` +
      'or pulls fail with "no match for platform in manifest".',
    source: WINDOWS_SERVER_SOURCE.OS_BUILD,
  };
}

function ipModeParameter(example: WindowsIpMode = 'secondary-ip'): TemplateParameter {
  return {
    name: 'ipMode',
    type: 'string',
    enum: IP_MODES,
    required: false,
    default: 'secondary-ip',
    example,
    description: 'Windows IPAM mode: secondary IPs (W = I - 1 per node) or /28 prefix delegation (W = (I - 1) * 16, Nitro only).',
  };
}

function kubernetesVersionParameter(): TemplateParameter {
  return {
    name: 'kubernetesVersion',
    type: 'string',
    format: 'kubernetes-version',
    required: true,
    default: null,
    example: '1.33',
    description: 'EKS Kubernetes minor version ("1.33"); picks the kube-proxy DSR flags and bounds the Windows AMI family.',
  };
}

/** The cluster name parameter every node-group and cluster template takes. */
export function clusterNameParameter(): TemplateParameter {
  return {
    name: 'clusterName',
    type: 'string',
    format: 'eksctl-cluster-name',
    required: true,
    default: null,
    example: 'windows-demo',
    description: 'EKS cluster name.',
  };
}

// The derivedBy texts name options.computeMaxPods, the capacity engine's max-pods the templates derive
// (now from options.catalog); kept word for word as the API has published them.
const MAX_PODS_DERIVED_BY = 'options.computeMaxPods(windowsInstanceType, ipMode)';

/** max-pods from the caller, else from the capacity engine over the catalog's facts for the type, else undefined. */
function resolveMaxPods(
  given: JsonValue | undefined,
  instanceType: string | undefined,
  ipMode: WindowsIpMode,
  options: RenderOptions,
  warnings: RenderWarning[],
  parameterName: string,
): number | undefined {
  const computed = instanceType && options.catalog !== undefined ? windowsMaxPods(options.catalog, instanceType, ipMode) : undefined;
  if (given !== undefined) {
    if (computed !== undefined && (given as number) > computed) {
      warnings.push({
        code: 'MAX_PODS_ABOVE_CAPACITY',
        message: `${parameterName}=${given} is above what ${instanceType} can give Windows pods in ${ipMode} mode (${computed}); pods beyond ${computed} stay Pending with "Insufficient vpc.amazonaws.com/PrivateIPv4Address".`,
        source: `${SOURCE.VPCRC_LIMITS}; ${SOURCE.BPG_PREFIX_WINDOWS} (Windows pods per node)`,
      });
    }
    return given as number;
  }
  if (computed !== undefined) {
    if (computed === 0) {
      warnings.push({
        code: 'NO_WINDOWS_POD_CAPACITY',
        message: `The capacity engine gives ${instanceType} no Windows pod IPs (unknown to the VPC Resource Controller, or not a Windows-capable type): Windows pods would stay Pending.`,
        source: SOURCE.VPCRC_LIMITS,
      });
    }
    return computed;
  }
  warnings.push({
    code: 'MAX_PODS_NOT_SET',
    message: `${parameterName} was not given and no capacity callback was available: kubelet keeps its default of 110 while a Windows node only has W = I - 1 pod IPs in secondary-IP mode; pods beyond W stay Pending.`,
    source: `${SOURCE.VPCRC_LIMITS}; ${SOURCE.BPG_PREFIX_WINDOWS}`,
  });
  return undefined;
}

function prefixDelegationWarnings(): RenderWarning[] {
  return [
    {
      code: 'PREFIX_DELEGATION_NITRO_ONLY',
      message:
        'Prefix delegation applies only to Nitro and bare-metal types; on other types the VPC Resource Controller silently stays in secondary-IP mode. It also needs free, aligned /28 blocks in the subnet (InsufficientCidrBlocks when fragmented: use a prefix CIDR reservation or a dedicated subnet), and kubelet max-pods raised to use the extra IPs.',
      source: `${SOURCE.BPG_PREFIX_WINDOWS}; ${SOURCE.VPCRC_PD}`,
    },
  ];
}

/** The three warm-pool keys in each family, as pkg/config/type.go names them. */
const KEY_FAMILIES = {
  shared: { warm: 'warm-ip-target', minimum: 'minimum-ip-target', prefix: 'warm-prefix-target' },
  windows: { warm: 'windows-warm-ip-target', minimum: 'windows-minimum-ip-target', prefix: 'windows-warm-prefix-target' },
} as const;
type KeyFamily = keyof typeof KEY_FAMILIES;
type KeyRole = keyof (typeof KEY_FAMILIES)['shared'];

function keyList(family: KeyFamily, roles: readonly KeyRole[]): string {
  return roles.map((r) => KEY_FAMILIES[family][r]).join(', ');
}

const configMapTemplate: TemplateDefinition = {
  id: 'vpc-cni-windows-ipam-configmap',
  title: 'kube-system/amazon-vpc-cni ConfigMap for Windows IPAM',
  kind: 'ConfigMap',
  apiVersion: 'v1',
  mediaType: 'application/yaml',
  description:
    'The ConfigMap the VPC Resource Controller reads: enable-windows-ipam, prefix delegation on or off, and one family of warm-pool keys. ' +
    'Either family works in both modes: windows-warm-ip-target/windows-minimum-ip-target/windows-warm-prefix-target or the un-prefixed warm-ip-target/minimum-ip-target/warm-prefix-target. ' +
    'The VPC Resource Controller reads each un-prefixed key first and falls back to its windows-* twin only when it is absent (the VPC CNI Helm chart writes the un-prefixed ones), so exactly one family is emitted and the other is warned about. warm-prefix-target is read only with prefix delegation on.',
  windowsEnforced: true,
  source: `${SOURCE.VPCRC_LOADER}; ${SOURCE.VPCRC_SECONDARY}; ${SOURCE.VPCRC_PD}; ${SOURCE.VPCRC_KEYS}`,
  parameters: [
    ipModeParameter('prefix-delegation'),
    {
      name: 'keyFamily',
      type: 'string',
      enum: ['windows', 'shared'],
      required: false,
      default: null,
      example: 'shared',
      derivedBy: '"windows" in secondary-ip mode, "shared" in prefix-delegation mode',
      description:
        '"windows" emits the windows-* keys (windows-warm-ip-target, windows-minimum-ip-target, windows-warm-prefix-target); "shared" emits warm-ip-target/minimum-ip-target/warm-prefix-target (use it when the VPC CNI Helm chart manages the ConfigMap: its keys win).',
    },
    {
      name: 'warmIpTarget',
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      required: false,
      default: null,
      example: 3,
      description:
        'Free IPs kept ready per node (secondary-IP default 3, where 0 is read as 1; prefix-delegation default 1, where 0 counts as unset: read as 1, or warmPrefixTarget sizes the pool when minimumIpTarget is 0 too).',
    },
    {
      name: 'minimumIpTarget',
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      required: false,
      default: null,
      example: 3,
      description: 'IPs kept allocated per node however few pods run (default 3).',
    },
    {
      name: 'warmPrefixTarget',
      type: 'integer',
      minimum: 0,
      maximum: 100,
      required: false,
      default: null,
      example: 1,
      description: 'Prefix delegation only: whole /28 prefixes kept free (default 0). warm-ip-target and minimum-ip-target override it.',
    },
  ],
  render: (p) => {
    const mode = p.ipMode as WindowsIpMode;
    const pd = mode === 'prefix-delegation';
    const family = ((p.keyFamily as string | undefined) ?? (pd ? 'shared' : 'windows')) as KeyFamily;
    if (!pd && p.warmPrefixTarget !== undefined) {
      throw validationError(
        'warmPrefixTarget',
        'PREFIX_DELEGATION_ONLY',
        `Parameter "warmPrefixTarget": warm-prefix-target only applies with ipMode "prefix-delegation" (the VPC Resource Controller reads it only then, ${SOURCE.VPCRC_LOADER})`,
      );
    }
    const keys = KEY_FAMILIES[family];
    const warnings: RenderWarning[] = [];
    const data: Record<string, string> = {
      'enable-windows-ipam': 'true',
      'enable-windows-prefix-delegation': pd ? 'true' : 'false',
    };
    const written: KeyRole[] = [];
    const put = (role: KeyRole, value: number): void => {
      data[keys[role]] = String(value);
      written.push(role);
    };
    // The values ParseWinIPTargetConfigs ends up with for what is rendered (a key left out reads as 0).
    let warm = 0;
    let minimum = 0;
    const prefix = (p.warmPrefixTarget as number | undefined) ?? 0;
    if (pd) {
      const onlyPrefix = p.warmPrefixTarget !== undefined && p.warmIpTarget === undefined && p.minimumIpTarget === undefined;
      if (p.warmPrefixTarget !== undefined) put('prefix', prefix);
      if (!onlyPrefix) {
        warm = (p.warmIpTarget as number | undefined) ?? 1;
        minimum = (p.minimumIpTarget as number | undefined) ?? 3;
        put('warm', warm);
        put('minimum', minimum);
        // The controller's pool counts a target only above 0 (pkg/pool/pool.go getPDDeviation).
        if (p.warmPrefixTarget !== undefined && (warm > 0 || minimum > 0)) {
          warnings.push({
            code: 'IP_TARGETS_OVERRIDE_PREFIX_TARGET',
            message: `${keys.warm} and ${keys.minimum} override ${keys.prefix}: the prefix target has no effect while they are set.`,
            source: SOURCE.VPCRC_PD,
          });
        } else if (prefix > 0) {
          warnings.push({
            code: 'ZERO_IP_TARGETS_UNSET',
            message:
              `${keys.warm} and ${keys.minimum} are 0, which the VPC Resource Controller's pool reads as unset: they do not override ${keys.prefix}, ` +
              `which sizes the pool (ceil(pods / 16) + ${prefix} prefixes per node).`,
            source: SOURCE.VPCRC_POOL_PD_DEVIATION,
          });
        }
        if (warm === 0 && minimum > 0) {
          warnings.push({
            code: 'WARM_IP_ZERO_MEANS_ONE',
            message:
              `${keys.warm} 0 is read as 1 under prefix delegation too: the VPC Resource Controller's pool replaces a warm IP target not above 0 ` +
              `with its default 1, so nodes keep at least 1 free IP (a new prefix when the last one is taken), not 0.`,
            source: SOURCE.VPCRC_POOL_PD_DEVIATION,
          });
        }
      }
      if (warm === 0 && minimum === 0 && prefix === 0) {
        warnings.push({
          code: 'ZERO_TARGETS_USE_DEFAULTS',
          message:
            `${keyList(family, written)} ${written.length === 1 ? 'is' : 'are'} 0${written.length < 3 ? ' and the other targets unset' : ''}: the VPC Resource Controller does not allocate on demand, ` +
            'so when warm-ip, minimum-ip and warm-prefix targets are all 0 it uses its prefix-delegation defaults instead (warm IP 1, minimum IP 3, warm prefix 0). ' +
            'For the smallest pool it keeps, give one non-zero target, e.g. warmIpTarget 1 with minimumIpTarget 0.',
          source: SOURCE.VPCRC_LOADER,
        });
      }
      warnings.push(...prefixDelegationWarnings());
    } else {
      warm = (p.warmIpTarget as number | undefined) ?? 3;
      minimum = (p.minimumIpTarget as number | undefined) ?? 3;
      put('warm', warm);
      put('minimum', minimum);
      if (warm === 0) {
        warnings.push({
          code: 'WARM_IP_ZERO_MEANS_ONE',
          message:
            `${keys.warm} 0 is read as 1 in secondary-IP mode (the VPC Resource Controller never leaves the warm pool empty)` +
            (minimum === 0 ? `: with ${keys.minimum} 0 too, nodes keep 1 free IP and no minimum, not the defaults of 3 and 3.` : '.'),
          source: SOURCE.VPCRC_LOADER,
        });
      }
    }
    // Each un-prefixed key is read first; its windows-* twin only when it is absent. warm-prefix-target only with PD on.
    const read: KeyRole[] = pd ? ['warm', 'minimum', 'prefix'] : ['warm', 'minimum'];
    if (family === 'windows') {
      warnings.push({
        code: 'SHARED_KEYS_TAKE_PRECEDENCE',
        message:
          `The VPC Resource Controller reads ${keyList('shared', read)} before their windows-* twins. If this ConfigMap already has any of them (the VPC CNI Helm chart writes them), ` +
          `that key is used and its windows-* twin here is ignored: remove the un-prefixed keys, or render with keyFamily "shared".`,
        source: SOURCE.VPCRC_LOADER,
      });
    } else {
      warnings.push({
        code: 'WINDOWS_KEYS_IGNORED',
        message:
          `With ${keyList('shared', written)} present the VPC Resource Controller ignores ${keyList('windows', written)}; ` +
          'remove those from the ConfigMap so nobody tunes a key that has no effect.',
        source: SOURCE.VPCRC_LOADER,
      });
      const fallback = (['warm', 'minimum'] as const).filter((r) => !written.includes(r));
      if (fallback.length > 0) {
        warnings.push({
          code: 'WINDOWS_KEYS_FALLBACK',
          message:
            `${keyList('shared', fallback)} ${fallback.length === 1 ? 'is' : 'are'} not set here, so the VPC Resource Controller reads ${keyList('windows', fallback)} instead when the live ConfigMap has ${fallback.length === 1 ? 'it' : 'them'} ` +
            `(kubectl apply keeps keys this manifest does not mention), and IP targets override ${keys.prefix}: delete ${fallback.length === 1 ? 'it' : 'them'}.`,
          source: `${SOURCE.VPCRC_LOADER}; ${SOURCE.VPCRC_PD}`,
        });
      }
    }
    return {
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system' }, data }],
      warnings,
      derived: { keyFamily: family },
    };
  },
};

const clusterConfigTemplate: TemplateDefinition = {
  id: 'eksctl-windows-cluster',
  title: 'eksctl ClusterConfig with Linux and Windows node groups',
  kind: 'ClusterConfig',
  apiVersion: 'eksctl.io/v1alpha5',
  mediaType: 'application/yaml',
  description:
    "An eksctl ClusterConfig with the Linux node group Windows clusters need (CoreDNS and Calico's Linux parts run there) and a Windows node group. " +
    `maxPodsPerNode is taken from the parameter, else computed by the caller's capacity engine through ${MAX_PODS_DERIVED_BY}. ` +
    'DSR is enabled through preBootstrapCommands that patch Start-EKSBootstrap.ps1 and fail loudly if it no longer matches. The AMI family is checked against the EKS version.',
  windowsEnforced: true,
  source: `${SOURCE.EKSCTL_SCHEMA}; ${SOURCE.EKSCTL_WINDOWS_PRE_BOOTSTRAP}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR}; ${SOURCE.UG_WINDOWS}`,
  parameters: [
    clusterNameParameter(),
    {
      name: 'region',
      type: 'string',
      format: 'aws-region',
      required: true,
      default: null,
      example: 'us-west-2',
      description: 'AWS region.',
    },
    kubernetesVersionParameter(),
    {
      name: 'nodeGroupType',
      type: 'string',
      enum: ['self-managed', 'managed'],
      required: false,
      default: 'self-managed',
      example: 'managed',
      description: 'nodeGroups (self-managed) or managedNodeGroups; preBootstrapCommands works on both.',
    },
    {
      name: 'linuxInstanceType',
      type: 'string',
      format: 'instance-type',
      required: false,
      default: 'm5.large',
      example: 'm5.large',
      description: 'Linux node group instance type.',
    },
    {
      name: 'linuxNodeCount',
      type: 'integer',
      minimum: 1,
      maximum: 100,
      required: false,
      default: 2,
      example: 2,
      description: 'Linux nodes (at least one; two keep CoreDNS available).',
    },
    {
      name: 'windowsInstanceType',
      type: 'string',
      format: 'instance-type',
      required: false,
      default: 'm5.large',
      example: 'm5.xlarge',
      description: 'Windows node group instance type (x86_64 only).',
    },
    {
      name: 'windowsAmiFamily',
      type: 'string',
      enum: WINDOWS_AMI_FAMILIES,
      required: false,
      default: null,
      example: 'WindowsServer2022CoreContainer',
      derivedBy: 'the Core image of windowsServerVersion, else WindowsServer2022CoreContainer',
      description: 'Windows AMI family; 2022 needs EKS >= 1.23, 2025 needs EKS >= 1.35.',
    },
    windowsServerVersionParameter(
      'Windows Server release of the Windows node group: picks the Core AMI family when windowsAmiFamily is left out, and must match it when both are given.',
    ),
    {
      name: 'windowsMinSize',
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      required: false,
      default: 1,
      example: 1,
      description: 'Windows node group minimum size (also the desired capacity).',
    },
    {
      name: 'windowsMaxSize',
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      required: false,
      default: 3,
      example: 3,
      description: 'Windows node group maximum size.',
    },
    ipModeParameter(),
    {
      name: 'maxPodsPerNode',
      type: 'integer',
      minimum: 1,
      maximum: 250,
      required: false,
      default: null,
      example: 9,
      derivedBy: MAX_PODS_DERIVED_BY,
      description:
        "kubelet --max-pods for Windows nodes. When omitted the caller's capacity engine computes it; AWS guidance caps it at 110, or 250 on large types with prefix delegation. eksctl applies it to self-managed Windows node groups only.",
    },
    {
      name: 'enableDsr',
      type: 'boolean',
      required: false,
      default: true,
      example: true,
      description: 'Patch kube-proxy for Direct Server Return through preBootstrapCommands.',
    },
  ],
  render: (p, options) => {
    const version = p.kubernetesVersion as string;
    const release = p.windowsServerVersion as WindowsServerVersion | undefined;
    const releaseFacts = release ? WINDOWS_SERVER_FACTS[release] : undefined;
    const amiFamily =
      (p.windowsAmiFamily as string | undefined) ?? releaseFacts?.eksctlAmiFamilies.core ?? 'WindowsServer2022CoreContainer';
    if (releaseFacts && !amiFamily.startsWith(`WindowsServer${releaseFacts.year}`)) {
      throw validationError(
        'windowsAmiFamily',
        'AMI_FAMILY_WINDOWS_SERVER_VERSION',
        `Parameter "windowsAmiFamily": ${amiFamily} is not a Windows Server ${releaseFacts.year} image (windowsServerVersion ${release}); use ${releaseFacts.eksctlAmiFamilies.core} or ${releaseFacts.eksctlAmiFamilies.full}`,
      );
    }
    if (p.windowsAmiFamily === undefined) checkDefaultAmiFamilyForVersion(amiFamily, version, release);
    else checkAmiFamilyForVersion('windowsAmiFamily', amiFamily, version);
    if ((p.windowsMinSize as number) > (p.windowsMaxSize as number)) {
      throw validationError(
        'windowsMinSize',
        'MIN_ABOVE_MAX',
        `Parameter "windowsMinSize": ${p.windowsMinSize} is above windowsMaxSize ${p.windowsMaxSize}`,
      );
    }
    const ipMode = p.ipMode as WindowsIpMode;
    const warnings: RenderWarning[] = [];
    if (release) warnings.push(osBuildWarning(release));
    requireWindowsNodeTypes(
      options.catalog,
      'windowsInstanceType',
      p.windowsInstanceType as string,
      warnings,
      options.windowsPriceList ? (t) => options.windowsPriceList!(p.region as string, t) : undefined,
    );
    const maxPods = resolveMaxPods(p.maxPodsPerNode, p.windowsInstanceType as string, ipMode, options, warnings, 'maxPodsPerNode');
    requireKnownInstanceType(options.catalog, p.linuxInstanceType as string);
    const linuxCount = p.linuxNodeCount as number;
    const linux = {
      name: 'linux-ng',
      amiFamily: 'AmazonLinux2023',
      instanceType: p.linuxInstanceType,
      minSize: linuxCount,
      maxSize: linuxCount,
      desiredCapacity: linuxCount,
    };
    const windows: Record<string, unknown> = {
      name: 'windows-ng',
      amiFamily,
      instanceType: p.windowsInstanceType,
      minSize: p.windowsMinSize,
      maxSize: p.windowsMaxSize,
      desiredCapacity: p.windowsMinSize,
    };
    if (maxPods !== undefined) windows.maxPodsPerNode = maxPods;
    if (maxPods !== undefined && p.nodeGroupType === 'managed') {
      warnings.push({
        code: 'EKSCTL_MANAGED_WINDOWS_MAX_PODS_NOT_APPLIED',
        message:
          `eksctl does not apply maxPodsPerNode=${maxPods} to a managed Windows node group: the userdata it builds for one holds only the preBootstrapCommands, ` +
          'never -KubeletExtraArgs "--max-pods", and it refuses overrideBootstrapCommand for managed Windows groups, so kubelet keeps the max-pods Start-EKSBootstrap.ps1 picks. ' +
          `To set it, render nodeGroupType "self-managed": eksctl then passes -KubeletExtraArgs "--max-pods=${maxPods}" to Start-EKSBootstrap.ps1.`,
        source: SOURCE.EKSCTL_MANAGED_WINDOWS,
      });
    }
    if (p.enableDsr) {
      windows.preBootstrapCommands = [renderDsrPatchScript(version)];
      warnings.push({
        code: 'DSR_PATCH_FAILS_LOUDLY',
        message: `preBootstrapCommands rewrite Start-EKSBootstrap.ps1 to add ${kubeProxyDsrFlags(version).join(' ')} to kube-proxy. If the AMI's script no longer contains ${DSR_PATCH_ANCHOR} the userdata throws and the node does not join: check the EC2Launch userdata log.`,
        source: SOURCE.BPG_WINDOWS_NETWORKING_DSR,
      });
    }
    if (ipMode === 'prefix-delegation') {
      warnings.push({
        code: 'EKSCTL_DOES_NOT_ENABLE_PD',
        message:
          'eksctl turns on enable-windows-ipam but never Windows prefix delegation: apply vpc-cni-windows-ipam-configmap with ipMode "prefix-delegation" after the cluster exists.',
        source: SOURCE.EKSCTL_WINDOWS_PRE_BOOTSTRAP,
      });
      warnings.push(...prefixDelegationWarnings());
    }
    if (linuxCount < 2) {
      warnings.push({
        code: 'SINGLE_LINUX_NODE',
        message: 'One Linux node runs CoreDNS for the whole cluster; two keep DNS up during node replacement.',
        source: SOURCE.UG_WINDOWS,
      });
    }
    const groupsKey = p.nodeGroupType === 'managed' ? 'managedNodeGroups' : 'nodeGroups';
    const config = {
      apiVersion: 'eksctl.io/v1alpha5',
      kind: 'ClusterConfig',
      metadata: { name: p.clusterName, region: p.region, version },
      [groupsKey]: [linux, windows],
    };
    const derived: Record<string, JsonValue> = {};
    if (maxPods !== undefined && p.maxPodsPerNode === undefined) derived.maxPodsPerNode = maxPods;
    if (p.windowsAmiFamily === undefined) derived.windowsAmiFamily = amiFamily;
    return { objects: [config], warnings, derived };
  },
};

const bootstrapUserDataTemplate: TemplateDefinition = {
  id: 'windows-userdata-bootstrap-dsr',
  title: 'Windows userdata: Start-EKSBootstrap.ps1 with kube-proxy DSR',
  kind: 'UserData',
  apiVersion: 'Start-EKSBootstrap.ps1',
  mediaType: 'text/x-powershell',
  description:
    'Launch-template userdata for a self-managed Windows node group (or a custom AMI id) that calls Start-EKSBootstrap.ps1 itself, passing -KubeProxyExtraArgs with the DSR flags for the Kubernetes version ' +
    '(< 1.33: --feature-gates=WinDSR=true --enable-dsr=true; >= 1.33: --enable-dsr=true) and --max-pods in -KubeletExtraArgs.',
  windowsEnforced: true,
  source: `${SOURCE.EKS_BOOTSTRAP}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR}; ${SOURCE.KEP_5100}`,
  parameters: [
    clusterNameParameter(),
    kubernetesVersionParameter(),
    {
      name: 'apiServerEndpoint',
      type: 'string',
      format: 'https-url',
      required: false,
      default: null,
      example: 'https://ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com',
      description: '-APIServerEndpoint; omitted, the script calls eks:DescribeCluster.',
    },
    {
      name: 'base64ClusterCA',
      type: 'string',
      format: 'base64',
      required: false,
      default: null,
      example: 'TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==',
      description: '-Base64ClusterCA; omitted, the script calls eks:DescribeCluster.',
    },
    {
      name: 'dnsClusterIP',
      type: 'string',
      format: 'ipv4-address',
      required: false,
      default: null,
      example: '10.100.0.10',
      derivedBy: 'the .10 of serviceCIDR when serviceCIDR is given',
      description: '-DNSClusterIP (the kube-dns Service IP).',
    },
    {
      name: 'serviceCIDR',
      type: 'string',
      format: 'eks-service-cidr',
      required: false,
      default: null,
      example: '10.100.0.0/16',
      description: '-ServiceCIDR.',
    },
    {
      name: 'excludedSnatCIDRs',
      type: 'string[]',
      format: 'ipv4-cidr',
      required: false,
      default: [],
      example: ['10.0.0.0/8'],
      maxItems: 50,
      description: '-ExcludedSnatCIDRs: destinations reached without SNAT.',
    },
    {
      name: 'instanceType',
      type: 'string',
      format: 'instance-type',
      required: false,
      default: null,
      example: 'm5.large',
      description: 'Instance type, used only to compute maxPods through the capacity callback.',
    },
    ipModeParameter(),
    {
      name: 'maxPods',
      type: 'integer',
      minimum: 1,
      maximum: 250,
      required: false,
      default: null,
      example: 9,
      derivedBy: 'options.computeMaxPods(instanceType, ipMode) when instanceType is given',
      description: 'kubelet --max-pods, added to -KubeletExtraArgs.',
    },
    {
      name: 'kubeletExtraArgs',
      type: 'string',
      format: 'kubelet-flags',
      required: false,
      default: null,
      example: '--node-labels=workload=windows',
      description: 'More kubelet flags (--name=value tokens separated by spaces).',
    },
  ],
  render: (p, options) => {
    const warnings: RenderWarning[] = [];
    const extra = (p.kubeletExtraArgs as string | undefined) ?? '';
    if (/(^|\s)--max-pods(=|\s|$)/.test(extra)) {
      throw validationError(
        'kubeletExtraArgs',
        'DUPLICATE_FLAG',
        'Parameter "kubeletExtraArgs": pass --max-pods through the maxPods parameter, not here',
      );
    }
    if (p.instanceType !== undefined) requireWindowsNodeTypes(options.catalog, 'instanceType', p.instanceType as string, warnings);
    const maxPods = resolveMaxPods(
      p.maxPods,
      p.instanceType as string | undefined,
      p.ipMode as WindowsIpMode,
      options,
      warnings,
      'maxPods',
    );
    const kubeletArgs = [maxPods !== undefined ? `--max-pods=${maxPods}` : '', extra].filter((s) => s.length > 0).join(' ');
    if (!p.apiServerEndpoint || !p.base64ClusterCA) {
      warnings.push({
        code: 'DESCRIBE_CLUSTER_AT_BOOT',
        message:
          'Without apiServerEndpoint and base64ClusterCA, Start-EKSBootstrap.ps1 looks them up with eks:DescribeCluster at boot: the node role needs that permission.',
        source: SOURCE.EKS_BOOTSTRAP,
      });
    }
    const serviceCidr = p.serviceCIDR as string | undefined;
    let dnsClusterIP = p.dnsClusterIP as string | undefined;
    // EKS gives kube-dns the .10 of the Service CIDR; a node left to derive its own picks 172.20.0.10 or 10.100.0.10.
    if (serviceCidr && !dnsClusterIP) dnsClusterIP = parseEksServiceCidr(serviceCidr, 'serviceCIDR').dnsClusterIp;
    if (serviceCidr && p.dnsClusterIP !== undefined)
      requireDnsClusterIpInServiceCidr('dnsClusterIP', dnsClusterIP!, 'serviceCIDR', serviceCidr);
    if (serviceCidr && p.dnsClusterIP === undefined) {
      warnings.push({
        code: 'DNS_CLUSTER_IP_DERIVED',
        message:
          `-DNSClusterIP ${dnsClusterIP} is the .10 of serviceCIDR ${serviceCidr} (the kube-dns ClusterIP EKS assigns); pass dnsClusterIP if yours differs. ` +
          'Without -ServiceCIDR and -DNSClusterIP a Windows node derives its own from its primary IP (10.0.0.0/8 -> 172.20.0.0/16, DNS 172.20.0.10; ' +
          'else 10.100.0.0/16, DNS 10.100.0.10), which breaks Services and DNS when the cluster uses another range.',
        source: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami (Start-EKSBootstrap.ps1 -ServiceCIDR, -DNSClusterIP)',
      });
    }
    const args = {
      clusterName: p.clusterName as string,
      kubernetesVersion: p.kubernetesVersion as string,
      apiServerEndpoint: p.apiServerEndpoint as string | undefined,
      base64ClusterCA: p.base64ClusterCA as string | undefined,
      dnsClusterIP,
      serviceCIDR: p.serviceCIDR as string | undefined,
      excludedSnatCIDRs: p.excludedSnatCIDRs as string[],
      kubeletExtraArgs: kubeletArgs || undefined,
      enableDsr: true,
    };
    const derived: Record<string, JsonValue> = {};
    if (maxPods !== undefined && p.maxPods === undefined) derived.maxPods = maxPods;
    if (dnsClusterIP && p.dnsClusterIP === undefined) derived.dnsClusterIP = dnsClusterIP;
    return {
      objects: [{ kind: 'UserData', script: 'Start-EKSBootstrap.ps1', arguments: bootstrapArgumentMap(args) }],
      content: renderBootstrapUserData(args),
      warnings,
      derived,
    };
  },
};

const dsrPatchTemplate: TemplateDefinition = {
  id: 'windows-userdata-dsr-patch',
  title: 'Windows userdata: patch Start-EKSBootstrap.ps1 for kube-proxy DSR (fails loudly)',
  kind: 'UserData',
  apiVersion: 'Start-EKSBootstrap.ps1',
  mediaType: 'text/x-powershell',
  description:
    "PowerShell for eksctl preBootstrapCommands or a managed node group, where you do not own the Start-EKSBootstrap.ps1 call: it adds the DSR flags to the script's kube-proxy arguments, " +
    `as the BPG does, but throws when the script is missing, when ${DSR_PATCH_ANCHOR} is not found exactly once, or when the flag is absent after writing.`,
  windowsEnforced: true,
  source: `${SOURCE.BPG_WINDOWS_NETWORKING_DSR}; ${SOURCE.KEP_5100}`,
  parameters: [
    kubernetesVersionParameter(),
    {
      name: 'wrapInPowerShellTags',
      type: 'boolean',
      required: false,
      default: false,
      example: false,
      description: 'Wrap in <powershell></powershell> (raw EC2 userdata); leave false for eksctl preBootstrapCommands.',
    },
  ],
  render: (p) => {
    const version = p.kubernetesVersion as string;
    const script = renderDsrPatchScript(version);
    return {
      objects: [
        {
          kind: 'UserData',
          script: 'Start-EKSBootstrap.ps1',
          patch: { anchor: DSR_PATCH_ANCHOR, kubeProxyFlags: kubeProxyDsrFlags(version) },
        },
      ],
      content: p.wrapInPowerShellTags ? `<powershell>\n${script}\n</powershell>\n` : `${script}\n`,
      warnings: [
        {
          code: 'DSR_PATCH_FAILS_LOUDLY',
          message: `The patch depends on the AMI's script text (${DSR_PATCH_ANCHOR}); when it changes the script throws and the node does not join, instead of starting kube-proxy without DSR.`,
          source: SOURCE.BPG_WINDOWS_NETWORKING_DSR,
        },
      ],
    };
  },
};

const installationTemplate: TemplateDefinition = {
  id: 'calico-installation-eks-policy-only',
  title: 'Calico policy-only Installation for EKS (VPC CNI, Windows HNS dataplane)',
  kind: 'Installation',
  apiVersion: 'operator.tigera.io/v1',
  mediaType: 'application/yaml',
  description:
    'The Tigera operator Installation that adds Calico network policy on top of the Amazon VPC CNI (cni.type AmazonVPC, kubernetesProvider EKS, BGP off), with the Windows HNS dataplane when Windows nodes are present, ' +
    'plus the tigera-operator/kubernetes-services-endpoint ConfigMap Calico for Windows needs to reach the API server.',
  windowsEnforced: true,
  source: `${SOURCE.TIGERA_EKS}; ${SOURCE.TIGERA_WINDOWS_OPERATOR}; ${SOURCE.TIGERA_WINDOWS_REQ}`,
  parameters: [
    {
      name: 'windowsNodes',
      type: 'boolean',
      required: false,
      default: true,
      example: true,
      description: 'Render the Windows dataplane (HNS) for Windows nodes.',
    },
    {
      name: 'serviceCIDR',
      type: 'string',
      format: 'eks-service-cidr',
      required: true,
      default: null,
      example: '10.100.0.0/16',
      description: 'The cluster Service CIDR (spec.serviceCIDRs; Calico for Windows needs it).',
    },
    {
      name: 'apiServerEndpoint',
      type: 'string',
      format: 'https-url',
      required: false,
      default: null,
      example: 'https://ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com',
      description: 'EKS API server endpoint, for the kubernetes-services-endpoint ConfigMap.',
    },
    windowsServerVersionParameter('Windows Server release of the Windows nodes: Calico for Windows supports 2019 and 2022 only.'),
  ],
  render: (p) => {
    const windows = p.windowsNodes as boolean;
    const objects: Record<string, unknown>[] = [
      {
        apiVersion: 'operator.tigera.io/v1',
        kind: 'Installation',
        metadata: { name: 'default' },
        spec: {
          kubernetesProvider: 'EKS',
          cni: { type: 'AmazonVPC' },
          calicoNetwork: { bgp: 'Disabled', windowsDataplane: windows ? 'HNS' : 'Disabled' },
          serviceCIDRs: [p.serviceCIDR],
        },
      },
    ];
    const warnings: RenderWarning[] = [
      {
        code: 'ANNOTATE_POD_IP',
        message: 'Set ANNOTATE_POD_IP=true on the aws-node DaemonSet (and grant it pods/patch) so Calico learns pod IPs quickly.',
        source: SOURCE.TIGERA_EKS,
      },
      {
        code: 'VPC_CNI_NETWORK_POLICY_OFF',
        message: 'Keep VPC CNI network policy disabled: it is Linux-only and conflicts with Calico.',
        source: `${SOURCE.UG_CNI_NETPOL_LINUX_ONLY}; ${SOURCE.TIGERA_EKS}`,
      },
    ];
    if (windows) {
      const endpoint = p.apiServerEndpoint as string | undefined;
      if (endpoint) {
        const url = new URL(endpoint);
        objects.push({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kubernetes-services-endpoint', namespace: 'tigera-operator' },
          data: { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port || '443' },
        });
      } else {
        warnings.push({
          code: 'SERVICES_ENDPOINT_MISSING',
          message:
            'Calico for Windows needs the tigera-operator/kubernetes-services-endpoint ConfigMap (KUBERNETES_SERVICE_HOST/PORT of the API server); pass apiServerEndpoint to render it.',
          source: SOURCE.TIGERA_WINDOWS_OPERATOR,
        });
      }
      warnings.push({
        code: 'DSR_FOR_SERVICE_TRAFFIC',
        message:
          'On Windows nodes Calico sees pod IPs of Service traffic only with kube-proxy DSR: render windows-userdata-bootstrap-dsr or windows-userdata-dsr-patch.',
        source: SOURCE.BPG_WINDOWS_NETWORKING_DSR,
      });
      const release = p.windowsServerVersion as WindowsServerVersion | undefined;
      const unsupported = release ? calicoWindowsServerWarning(release) : null;
      if (unsupported) warnings.push(unsupported);
      if (release) warnings.push(osBuildWarning(release));
    }
    return { objects, warnings };
  },
};

export const CONFIGURATION_TEMPLATES: TemplateDefinition[] = [
  configMapTemplate,
  clusterConfigTemplate,
  bootstrapUserDataTemplate,
  dsrPatchTemplate,
  installationTemplate,
];
