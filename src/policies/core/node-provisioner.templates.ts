import {
  WINDOWS_SERVER_FACTS,
  WINDOWS_SERVER_VERSIONS,
  windowsAmiType,
  type WindowsServerVersion,
} from '../../capacity/core/windows-server.js';
import { validationError } from '../../common/domain-error.js';
import {
  EC2_WINDOWS_REFUSED_INSTANCE_TYPES,
  EC2_WINDOWS_REFUSED_SOURCE,
  isRefusedByEc2ForWindows,
} from '../../karpenter/core/ec2-windows-refusals.js';
import {
  karpenterWindowsAmiAlias,
  KARPENTER_SOURCE,
  requireWindowsServerForKubernetes,
} from '../../karpenter/core/karpenter-windows-plan.js';
import { clusterNameParameter } from './configuration.templates.js';
import { requireDnsClusterIpInServiceCidr } from './parameter.validation.js';
import { hclHeredoc, hclReference, toHclJson, writeHclModule, type HclValue } from './hcl.render.js';
import type { JsonValue, RenderOptions, RenderWarning, TemplateParameter, WindowsIpMode } from './policy-template.model.js';
import { SOURCE } from '../../common/core/sources.js';
import type { RenderedObjects, TemplateDefinition } from './template.definition.js';
import { familyInstanceTypes, requireWindowsFamilies, requireWindowsNodeTypes, windowsMaxPods } from './render-catalog.js';
import { kubeProxyDsrFlags, quotePowerShell, renderDsrPatchScript } from './windows-bootstrap.render.js';

/**
 * Templates for the two other ways teams scale Windows nodes: a Karpenter NodePool with its
 * EC2NodeClass, and terraform-aws-modules/eks/aws node groups (self-managed and EKS managed).
 * Each carries what the provisioner does not: kube-proxy DSR, the Service CIDR, SNAT exclusions,
 * kubelet max-pods from the capacity engine.
 */

export const TERRAFORM_EKS_MODULE_SOURCE = 'terraform-aws-modules/eks/aws';
/**
 * The floor: before v21.24.1 the module swapped the Core and Full SSM image paths of 2019 and 2022 (issue #3736,
 * fixed by PR #3737, "included in version 21.24.1"; it changed only the node-group modules' SSM maps, not
 * templates/windows_user_data.tpl, whose v21.19.0 copy and goldens the tests render). The ceiling: the inputs rendered
 * (name, kubernetes_version, ami_type, bootstrap_extra_args, pre_bootstrap_user_data) are v21's, as v21 renamed v20's
 * cluster_* inputs (docs/UPGRADE-21.0.md), so a next major is not assumed to take them.
 */
export const TERRAFORM_EKS_MODULE_VERSION = '>= 21.24.1, < 22.0.0';

const TF_SOURCE = {
  MODULE: 'terraform-aws-modules/terraform-aws-eks templates/windows_user_data.tpl; modules/_user_data',
  SWAP: 'terraform-aws-modules/terraform-aws-eks #3736, #3737 (Core and Full images of 2019 and 2022 swapped before v21.24.1); docs/UPGRADE-21.0.md (v21 input names)',
  MNG_USER_DATA:
    'terraform-aws-modules/terraform-aws-eks #2246 (managed node groups without a custom AMI use only pre_bootstrap_user_data)',
  AMI_2025: 'terraform-aws-modules/terraform-aws-eks v21.17.0 (WINDOWS_*_2025_x86_64 ami_types)',
} as const;

function windowsServerParameter(): TemplateParameter {
  return {
    name: 'windowsServerVersion',
    type: 'string',
    enum: WINDOWS_SERVER_VERSIONS,
    required: false,
    default: 'WINDOWS_SERVER_2022',
    example: 'WINDOWS_SERVER_2022',
    description: 'Windows Server release of the EKS-optimized AMI (2022 needs EKS >= 1.23, 2025 EKS >= 1.35).',
  };
}

const common = {
  clusterName: clusterNameParameter,
  kubernetesVersion: (): TemplateParameter => ({
    name: 'kubernetesVersion',
    type: 'string',
    format: 'kubernetes-version',
    required: true,
    default: null,
    example: '1.33',
    description: 'EKS Kubernetes minor version ("1.33"); picks the kube-proxy DSR flags and bounds the Windows Server release.',
  }),
  ipMode: (): TemplateParameter => ({
    name: 'ipMode',
    type: 'string',
    enum: ['secondary-ip', 'prefix-delegation'],
    required: false,
    default: 'secondary-ip',
    example: 'prefix-delegation',
    description:
      'The Windows IP mode of the cluster (amazon-vpc-cni ConfigMap); prefix delegation sets kubelet max-pods to the real capacity.',
  }),
  enableDsr: (): TemplateParameter => ({
    name: 'enableDsr',
    type: 'boolean',
    required: false,
    default: true,
    example: true,
    description: 'kube-proxy Direct Server Return (needed above 100 Services per node).',
  }),
  serviceIpv4Cidr: (): TemplateParameter => ({
    name: 'serviceIpv4Cidr',
    type: 'string',
    format: 'eks-service-cidr',
    required: false,
    default: null,
    example: '172.20.0.0/16',
    description: 'The cluster Service CIDR.',
  }),
  excludedSnatCidrs: (): TemplateParameter => ({
    name: 'excludedSnatCidrs',
    type: 'string[]',
    format: 'ipv4-cidr',
    required: false,
    default: [],
    example: ['10.0.0.0/8'],
    maxItems: 50,
    description: 'Destinations Windows pods reach without SNAT.',
  }),
  maxPods: (derivedBy: string): TemplateParameter => ({
    name: 'maxPods',
    type: 'integer',
    minimum: 1,
    maximum: 250,
    required: false,
    default: null,
    example: 110,
    derivedBy,
    description: 'kubelet --max-pods for the Windows nodes. AWS guidance under prefix delegation: 110, up to 250 on large types.',
  }),
};

function checkVersion(p: Record<string, JsonValue>, provisioner: 'KARPENTER' | 'TERRAFORM'): WindowsServerVersion {
  return requireWindowsServerForKubernetes(p.windowsServerVersion, p.kubernetesVersion as string, provisioner);
}

/** Each given type must be in the catalog, and one that gives Windows pods no IPs is named (NO_WINDOWS_POD_CAPACITY). */
function warnAboutTypesWithoutWindowsPods(types: string[], ipMode: WindowsIpMode, options: RenderOptions, warnings: RenderWarning[]): void {
  if (options.catalog === undefined) return;
  for (const t of types) if (windowsMaxPods(options.catalog, t, ipMode) === 0) warnings.push(noWindowsPodCapacity(t));
}

function noWindowsPodCapacity(t: string): RenderWarning {
  return {
    code: 'NO_WINDOWS_POD_CAPACITY',
    message: `The capacity engine gives ${t} no Windows pod IPs (not a Windows-capable type, or unknown to the VPC Resource Controller): Windows pods would stay Pending on it.`,
    source: SOURCE.VPCRC_LIMITS,
  };
}

/**
 * kubelet max-pods for a group of types: the caller's value, else the smallest real capacity the
 * capacity engine gives any of them (the kubelet never advertises more pods than the smallest node's IPs).
 */
function resolveGroupMaxPods(
  given: JsonValue | undefined,
  types: string[],
  ipMode: WindowsIpMode,
  options: RenderOptions,
  warnings: RenderWarning[],
  familyTypes: string[] = [],
): number | undefined {
  const all = [...new Set([...types, ...familyTypes])];
  const computed = options.catalog !== undefined ? all.map((t) => ({ t, pods: windowsMaxPods(options.catalog!, t, ipMode) })) : [];
  for (const { t, pods } of computed) {
    // Types of a family that cannot be Windows nodes (arm64 members) are kept out by the requirements: no warning.
    if (pods === 0 && types.includes(t)) warnings.push(noWindowsPodCapacity(t));
  }
  if (given !== undefined) {
    for (const { t, pods } of computed) {
      if (pods > 0 && (given as number) > pods) {
        warnings.push({
          code: 'MAX_PODS_ABOVE_CAPACITY',
          message: `maxPods=${given} is above what ${t} can give Windows pods in ${ipMode} mode (${pods}); pods beyond ${pods} stay Pending with "Insufficient vpc.amazonaws.com/PrivateIPv4Address".`,
          source: SOURCE.VPCRC_LIMITS,
        });
      }
    }
    return given as number;
  }
  const positive = computed.filter((c) => c.pods > 0);
  if (positive.length === 0) return undefined;
  const min = Math.min(...positive.map((c) => c.pods));
  if (positive.some((c) => c.pods !== min)) {
    warnings.push({
      code: 'MAX_PODS_SMALLEST_TYPE',
      message: `kubelet max-pods is ${min}, the smallest real capacity of ${positive.map((c) => `${c.t} ${c.pods}`).join(', ')}: larger types run fewer pods than they could. Use one group per size to use each fully.`,
      source: SOURCE.BPG_PREFIX_WINDOWS,
    });
  }
  return min;
}

/**
 * PowerShell run before the bootstrap: machine environment variables, then the DSR patch. Start-EKSBootstrap.ps1
 * reads SERVICE_IPV4_CIDR and EXCLUDED_SNAT_CIDRS from the machine scope only, and a -ServiceCIDR/-ExcludedSnatCIDRs
 * argument wins over them (SOURCE.UG_WINDOWS_AMI_ENV_VARS); Karpenter's call passes neither (KARPENTER_SOURCE.BOOTSTRAP).
 */
function renderPreBootstrap(p: Record<string, JsonValue>, header: string[]): string | undefined {
  const lines: string[] = [];
  const cidr = p.serviceIpv4Cidr as string | undefined;
  const snat = (p.excludedSnatCidrs as string[] | undefined) ?? [];
  const setEnv = (name: string, value: string) => {
    lines.push(`[Environment]::SetEnvironmentVariable(${quotePowerShell(name)}, ${quotePowerShell(value)}, 'Machine')`);
    lines.push(`$env:${name} = ${quotePowerShell(value)}`);
  };
  if (cidr) setEnv('SERVICE_IPV4_CIDR', cidr);
  if (snat.length > 0) setEnv('EXCLUDED_SNAT_CIDRS', snat.join(','));
  if (p.enableDsr) lines.push(renderDsrPatchScript(p.kubernetesVersion as string));
  if (lines.length === 0) return undefined;
  return [...header, "$ErrorActionPreference = 'Stop'", ...lines].join('\n');
}

const LINUX_NODE_GROUP_WARNING = (templateId: string): RenderWarning => ({
  code: 'LINUX_NODES_FOR_COREDNS',
  message: `A Windows cluster needs Linux nodes for CoreDNS and other Linux-only system pods; ${templateId} renders the Windows nodes only, so keep a Linux node group (two nodes keep DNS up during replacement).`,
  source: `${SOURCE.UG_WINDOWS}; ${SOURCE.EKSCTL_WINDOWS_PRE_BOOTSTRAP}`,
});

const WINDOWS_IPAM_WARNING: RenderWarning = {
  code: 'WINDOWS_IPAM_CONFIGMAP',
  message:
    'Windows pods get IPs only with enable-windows-ipam "true" in kube-system/amazon-vpc-cni (and enable-windows-prefix-delegation for prefix delegation): apply template vpc-cni-windows-ipam-configmap.',
  source: `${SOURCE.VPCRC_SECONDARY}; ${SOURCE.VPCRC_PD}`,
};

// ---------------------------------------------------------------------------------------------
// Karpenter NodePool + EC2NodeClass

const KARPENTER_MAX_PODS_DERIVED =
  'with ipMode prefix-delegation: the smallest non-zero options.computeMaxPods(type, ipMode) over instanceTypes and the types of instanceFamilies';

const karpenterNodePoolTemplate: TemplateDefinition = {
  id: 'karpenter-windows-nodepool',
  title: 'Karpenter NodePool and EC2NodeClass for Windows nodes',
  kind: 'NodePool',
  apiVersion: 'karpenter.sh/v1',
  mediaType: 'application/yaml',
  description:
    'A Karpenter v1 NodePool and its EC2NodeClass for Windows: amiSelectorTerms alias windowsYYYY@latest for the release, requirements that keep out arm64 and the types EC2 refuses for Windows, ' +
    'the matching node.kubernetes.io/windows-build, spec.kubelet.maxPods set to the real capacity under prefix delegation, and spec.userData (run by Karpenter before its own bootstrap call) ' +
    'carrying the fail-loudly DSR patch and the SERVICE_IPV4_CIDR / EXCLUDED_SNAT_CIDRS machine environment variables Karpenter does not pass.',
  windowsEnforced: true,
  source: `aws/karpenter-provider-aws examples/v1/windows-*.yaml, pkg/apis/crds; ${KARPENTER_SOURCE.BOOTSTRAP}; ${KARPENTER_SOURCE.KUBE_PROXY_ARGS}; ${KARPENTER_SOURCE.SERVICE_CIDR}; ${SOURCE.UG_WINDOWS_AMI_ENV_VARS}; ${EC2_WINDOWS_REFUSED_SOURCE}`,
  parameters: [
    common.clusterName(),
    common.kubernetesVersion(),
    {
      name: 'name',
      type: 'string',
      format: 'dns-subdomain',
      required: false,
      default: 'windows',
      example: 'windows',
      description: 'metadata.name of the NodePool and the EC2NodeClass.',
    },
    windowsServerParameter(),
    common.ipMode(),
    {
      name: 'instanceTypes',
      type: 'string[]',
      format: 'instance-type',
      required: false,
      default: [],
      example: ['m5.large', 'm5.xlarge'],
      maxItems: 100,
      description: 'Allowed instance types (node.kubernetes.io/instance-type In); none: any type Karpenter chooses.',
    },
    {
      name: 'instanceFamilies',
      type: 'string[]',
      format: 'dns-label',
      required: false,
      default: [],
      example: ['m5'],
      maxItems: 50,
      description: 'Allowed families (karpenter.k8s.aws/instance-family In).',
    },
    {
      name: 'capacityTypes',
      type: 'string[]',
      enum: ['on-demand', 'spot'],
      required: false,
      default: ['on-demand'],
      example: ['on-demand'],
      minItems: 1,
      description: 'karpenter.sh/capacity-type values.',
    },
    {
      name: 'nodeRole',
      type: 'string',
      format: 'iam-role-name',
      required: false,
      default: null,
      example: 'KarpenterNodeRole-windows-demo',
      description: 'IAM role of the nodes (default KarpenterNodeRole-<clusterName>).',
    },
    common.maxPods(KARPENTER_MAX_PODS_DERIVED),
    common.enableDsr(),
    common.serviceIpv4Cidr(),
    common.excludedSnatCidrs(),
  ],
  render: (p, options) => {
    const version = checkVersion(p, 'KARPENTER');
    const facts = WINDOWS_SERVER_FACTS[version];
    const ipMode = p.ipMode as WindowsIpMode;
    const types = p.instanceTypes as string[];
    const families = p.instanceFamilies as string[];
    const warnings: RenderWarning[] = [];
    requireWindowsNodeTypes(options.catalog, 'instanceTypes', types, warnings);
    requireWindowsFamilies(options.catalog, 'instanceFamilies', families);
    let maxPods: number | undefined = p.maxPods as number | undefined;
    if (ipMode !== 'prefix-delegation') warnAboutTypesWithoutWindowsPods(types, ipMode, options, warnings);
    if (ipMode === 'prefix-delegation') {
      const familyTypes = families.flatMap((f) => familyInstanceTypes(options.catalog, f)).filter((t) => !isRefusedByEc2ForWindows(t));
      maxPods = resolveGroupMaxPods(p.maxPods, types, ipMode, options, warnings, familyTypes);
      if (maxPods === undefined) {
        warnings.push({
          code: 'MAX_PODS_NOT_SET',
          message:
            'Prefix delegation is on but no instanceTypes or instanceFamilies known to the catalog (nor maxPods) were given: spec.kubelet.maxPods stays unset, so Karpenter plans 110 pods and the kubelet runs 110 whatever the IPs allow.',
          source: KARPENTER_SOURCE.TYPES,
        });
      }
      warnings.push({
        code: 'KARPENTER_PREFIX_DELEGATION_NOT_MODELLED',
        message:
          'Karpenter plans vpc.amazonaws.com/PrivateIPv4Address = I - 1 per Windows node whatever the IP mode (9 for m5.large against 144 with prefix delegation), so it launches more nodes than the pods need. Ask planKarpenterWindows for the numbers.',
        source: KARPENTER_SOURCE.PREFIX_DELEGATION,
      });
    }
    const requirements: Record<string, unknown>[] = [
      { key: 'kubernetes.io/os', operator: 'In', values: ['windows'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
      { key: 'node.kubernetes.io/windows-build', operator: 'In', values: [facts.osBuild] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: [...(p.capacityTypes as string[])] },
      { key: 'node.kubernetes.io/instance-type', operator: 'NotIn', values: [...EC2_WINDOWS_REFUSED_INSTANCE_TYPES] },
    ];
    if (types.length > 0) requirements.push({ key: 'node.kubernetes.io/instance-type', operator: 'In', values: [...types] });
    if (families.length > 0) requirements.push({ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: [...families] });
    const name = p.name as string;
    if (name.length > 63) {
      // Karpenter labels every node with its NodePool (karpenter.sh/nodepool) and EC2NodeClass
      // (karpenter.k8s.aws/ec2nodeclass) name, and a label value is at most 63 characters
      // (kubernetes/apimachinery pkg/util/validation/validation.go IsValidLabelValue).
      throw validationError(
        'name',
        'LABEL_VALUE',
        `Parameter "name": ${name.length} characters; Karpenter puts it in node labels, at most 63 long`,
      );
    }
    const cluster = p.clusterName as string;
    const role = (p.nodeRole as string | undefined) ?? `KarpenterNodeRole-${cluster}`;
    if (p.nodeRole === undefined && role.length > 64) {
      throw validationError(
        'nodeRole',
        'IAM_ROLE_NAME',
        `Parameter "nodeRole": the default ${role} is ${role.length} characters, above IAM's 64 (IAM CreateRole RoleName); pass the nodes' role name`,
      );
    }
    const nodeClassSpec: Record<string, unknown> = {
      role,
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': cluster } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': cluster } }],
      amiSelectorTerms: [{ alias: karpenterWindowsAmiAlias(version) }],
      metadataOptions: { httpProtocolIPv6: 'disabled', httpTokens: 'required' },
    };
    if (maxPods !== undefined) nodeClassSpec.kubelet = { maxPods };
    const userData = renderPreBootstrap(p, [
      '# eks-net-planner: Karpenter runs this EC2NodeClass userData before its own Start-EKSBootstrap.ps1 call,',
      '# which never passes -ServiceCIDR, -ExcludedSnatCIDRs or -KubeProxyExtraArgs (aws/karpenter-provider-aws#4088, #4747).',
    ]);
    if (userData) nodeClassSpec.userData = `${userData}\n`;
    if (p.enableDsr) {
      warnings.push({
        code: 'DSR_PATCH_FAILS_LOUDLY',
        message: `spec.userData rewrites Start-EKSBootstrap.ps1 to add ${kubeProxyDsrFlags(p.kubernetesVersion as string).join(' ')} to kube-proxy before Karpenter's bootstrap call; if the AMI's script changed, the node fails to join instead of running without DSR.`,
        source: `${SOURCE.BPG_WINDOWS_NETWORKING_DSR}; ${KARPENTER_SOURCE.KUBE_PROXY_ARGS}`,
      });
    }
    if (p.serviceIpv4Cidr === undefined) {
      warnings.push({
        code: 'SERVICE_CIDR_NOT_SET',
        message:
          "Karpenter never passes -ServiceCIDR: without serviceIpv4Cidr a Windows node derives it from its primary IP (172.20.0.0/16 in 10.0.0.0/8, 10.100.0.0/16 otherwise). Pass serviceIpv4Cidr when that differs from the cluster's.",
        source: `${KARPENTER_SOURCE.SERVICE_CIDR}; ${KARPENTER_SOURCE.WINDOWS_SERVICE_CIDR_DEFAULT}`,
      });
    }
    if (!facts.calicoSupported) {
      warnings.push({
        code: 'CALICO_NOT_ON_WINDOWS_SERVER_2025',
        message: 'Calico for Windows does not support Windows Server 2025: NetworkPolicy is not enforced on these nodes.',
        source: 'tigera/docs windows-calico/requirements; projectcalico/calico#11691',
      });
    }
    warnings.push(WINDOWS_IPAM_WARNING, LINUX_NODE_GROUP_WARNING('karpenter-windows-nodepool'));
    const objects = [
      {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name },
        spec: {
          template: {
            spec: {
              requirements,
              nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name },
            },
          },
        },
      },
      { apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name }, spec: nodeClassSpec },
    ];
    const derived: Record<string, JsonValue> = {};
    if (maxPods !== undefined && p.maxPods === undefined) derived.maxPods = maxPods;
    return { objects, warnings, derived };
  },
};

// ---------------------------------------------------------------------------------------------
// terraform-aws-modules/eks/aws

interface TerraformGroupPlan {
  templateId: string;
  managed: boolean;
}

function terraformParameters(managed: boolean): TemplateParameter[] {
  const params: TemplateParameter[] = [
    common.clusterName(),
    common.kubernetesVersion(),
    windowsServerParameter(),
    {
      name: 'amiVariant',
      type: 'string',
      enum: ['Core', 'Full'],
      required: false,
      default: 'Core',
      example: 'Core',
      description: 'Windows Server Core or Full (Desktop Experience) image.',
    },
    {
      name: 'nodeGroupName',
      type: 'string',
      format: 'dns-label',
      required: false,
      default: 'windows',
      example: 'windows',
      description: 'Key of the node group in the module map.',
    },
    managed
      ? {
          name: 'instanceTypes',
          type: 'string[]',
          format: 'instance-type',
          required: false,
          default: ['m5.large'],
          example: ['m5.large'],
          minItems: 1,
          maxItems: 20,
          description: 'instance_types of the managed node group.',
        }
      : {
          name: 'instanceType',
          type: 'string',
          format: 'instance-type',
          required: false,
          default: 'm5.large',
          example: 'm5.large',
          description: 'instance_type of the self-managed node group.',
        },
    { name: 'minSize', type: 'integer', minimum: 0, maximum: 1000, required: false, default: 1, example: 1, description: 'min_size.' },
    { name: 'maxSize', type: 'integer', minimum: 1, maximum: 1000, required: false, default: 3, example: 3, description: 'max_size.' },
    {
      name: 'desiredSize',
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      required: false,
      default: 1,
      example: 1,
      description: 'desired_size.',
    },
    common.ipMode(),
    common.maxPods(
      managed
        ? 'options.computeMaxPods over instanceTypes (the smallest), applied only with amiId'
        : 'options.computeMaxPods(instanceType, ipMode)',
    ),
    common.enableDsr(),
    common.serviceIpv4Cidr(),
    {
      name: 'dnsClusterIp',
      type: 'string',
      format: 'ipv4-address',
      required: false,
      default: null,
      example: '172.20.0.10',
      description: '-DNSClusterIP (the kube-dns Service IP), passed with serviceIpv4Cidr where the bootstrap call is yours.',
    },
    common.excludedSnatCidrs(),
  ];
  if (managed) {
    params.push({
      name: 'amiId',
      type: 'string',
      format: 'text',
      required: false,
      default: null,
      example: 'ami-0123456789abcdef0',
      description:
        'A custom AMI id: the module then renders the bootstrap call itself (enable_bootstrap_user_data), so bootstrap_extra_args carry --max-pods and -KubeProxyExtraArgs.',
    });
  }
  return params;
}

function bootstrapExtraArgs(p: Record<string, JsonValue>, maxPods: number | undefined): string {
  const args: string[] = [];
  if (maxPods !== undefined) args.push(`-KubeletExtraArgs ${quotePowerShell(`--max-pods=${maxPods}`)}`);
  if (p.enableDsr) args.push(`-KubeProxyExtraArgs ${quotePowerShell(kubeProxyDsrFlags(p.kubernetesVersion as string).join(' '))}`);
  if (p.serviceIpv4Cidr) args.push(`-ServiceCIDR ${quotePowerShell(p.serviceIpv4Cidr as string)}`);
  if (p.dnsClusterIp) args.push(`-DNSClusterIP ${quotePowerShell(p.dnsClusterIp as string)}`);
  const snat = (p.excludedSnatCidrs as string[] | undefined) ?? [];
  if (snat.length > 0) args.push(`-ExcludedSnatCIDRs ${snat.map(quotePowerShell).join(',')}`);
  return args.join(' ');
}

function renderTerraform(plan: TerraformGroupPlan, p: Record<string, JsonValue>, options: RenderOptions): RenderedObjects {
  const version = checkVersion(p, 'TERRAFORM');
  const variant = p.amiVariant as 'Core' | 'Full';
  const amiType = windowsAmiType(version, variant);
  const ipMode = p.ipMode as WindowsIpMode;
  if ((p.minSize as number) > (p.maxSize as number)) {
    throw validationError('minSize', 'MIN_ABOVE_MAX', `Parameter "minSize": ${p.minSize} is above maxSize ${p.maxSize}`);
  }
  if ((p.desiredSize as number) < (p.minSize as number) || (p.desiredSize as number) > (p.maxSize as number)) {
    throw validationError(
      'desiredSize',
      'DESIRED_OUTSIDE_MIN_MAX',
      `Parameter "desiredSize": ${p.desiredSize} is outside minSize..maxSize (${p.minSize}..${p.maxSize})`,
    );
  }
  if (p.dnsClusterIp !== undefined && p.serviceIpv4Cidr !== undefined) {
    requireDnsClusterIpInServiceCidr('dnsClusterIp', p.dnsClusterIp as string, 'serviceIpv4Cidr', p.serviceIpv4Cidr as string);
  }
  const types = plan.managed ? (p.instanceTypes as string[]) : [p.instanceType as string];
  const warnings: RenderWarning[] = [];
  if (plan.managed) requireWindowsNodeTypes(options.catalog, 'instanceTypes', types, warnings);
  else requireWindowsNodeTypes(options.catalog, 'instanceType', types[0], warnings);
  const maxPods = resolveGroupMaxPods(p.maxPods, types, ipMode, options, warnings);
  const amiId = plan.managed ? (p.amiId as string | undefined) : undefined;
  if (amiId !== undefined && !/^ami-[0-9a-f]{8,17}$/.test(amiId)) {
    throw validationError('amiId', 'AMI_ID', `Parameter "amiId": "${amiId}" is not an AMI id like ami-0123456789abcdef0`);
  }
  const ownsBootstrap = !plan.managed || amiId !== undefined;

  const group: Record<string, HclValue> = { ami_type: amiType };
  if (plan.managed) group.instance_types = [...types];
  else group.instance_type = types[0]!;
  group.min_size = p.minSize as number;
  group.max_size = p.maxSize as number;
  group.desired_size = p.desiredSize as number;
  group.subnet_ids = hclReference('var.windows_subnet_ids');
  if (ownsBootstrap) {
    if (amiId !== undefined) {
      group.ami_id = amiId;
      group.enable_bootstrap_user_data = true;
    }
    const extra = bootstrapExtraArgs(p, maxPods);
    if (extra) group.bootstrap_extra_args = extra;
    // Only the environment variables would be left for pre-bootstrap: the flags carry them.
  } else {
    const pre = renderPreBootstrap(p, [
      '# eks-net-planner: pre_bootstrap_user_data, the only user data an EKS managed Windows node group without a custom AMI runs',
      '# (terraform-aws-modules/terraform-aws-eks #2246): EKS owns the Start-EKSBootstrap.ps1 call, so DSR is a patch of the script.',
    ]);
    if (pre) group.pre_bootstrap_user_data = hclHeredoc(pre);
    if (p.maxPods !== undefined && maxPods !== 110) {
      warnings.push({
        code: 'MANAGED_NODE_GROUP_MAX_PODS_NOT_APPLIED',
        message: `maxPods ${maxPods} cannot be passed to an EKS managed Windows node group without a custom AMI (bootstrap_extra_args is not used there): the kubelet runs its default 110 (pods beyond the node's IPs stay Pending on vpc.amazonaws.com/PrivateIPv4Address either way). Pass amiId to own the bootstrap call, or use the self-managed template.`,
        source: TF_SOURCE.MNG_USER_DATA,
      });
    }
    if (p.dnsClusterIp) {
      warnings.push({
        code: 'DNS_CLUSTER_IP_NOT_APPLIED',
        message:
          '-DNSClusterIP cannot be passed where EKS owns the bootstrap call; it is ignored here (pass amiId, or use the self-managed template).',
        source: TF_SOURCE.MNG_USER_DATA,
      });
    }
  }

  const moduleAttributes: Record<string, HclValue> = {
    source: TERRAFORM_EKS_MODULE_SOURCE,
    version: TERRAFORM_EKS_MODULE_VERSION,
    name: p.clusterName as string,
    kubernetes_version: p.kubernetesVersion as string,
    vpc_id: hclReference('var.vpc_id'),
    subnet_ids: hclReference('var.subnet_ids'),
  };
  if (p.serviceIpv4Cidr) moduleAttributes.service_ipv4_cidr = p.serviceIpv4Cidr as string;
  moduleAttributes[plan.managed ? 'eks_managed_node_groups' : 'self_managed_node_groups'] = { [p.nodeGroupName as string]: group };

  warnings.push({
    code: 'MODULE_VERSION_FLOOR',
    // #3736 and #3737 name the 2019 and 2022 maps only; the 2025 ami_types came with v21.17.0 (#3669).
    message:
      `version ${TERRAFORM_EKS_MODULE_VERSION}: releases before 21.24.1 swapped the Core and Full Windows images of 2019 and 2022` +
      (version === 'WINDOWS_SERVER_2025'
        ? ` (#3737 corrected only those; ${amiType}, in the module from v21.17.0, was not among them)`
        : `, so ${amiType} could boot the other variant`) +
      "; the inputs rendered here are v21's, so the next major is left out.",
    source: TF_SOURCE.SWAP,
  });
  if (version === 'WINDOWS_SERVER_2025') {
    warnings.push({
      code: 'AMI_TYPE_2025_MODULE_VERSION',
      message: `${amiType} exists in the module from v21.17.0 (the version floor covers it).`,
      source: TF_SOURCE.AMI_2025,
    });
  }
  if (p.enableDsr && !ownsBootstrap) {
    warnings.push({
      code: 'DSR_PATCH_FAILS_LOUDLY',
      message: `pre_bootstrap_user_data rewrites Start-EKSBootstrap.ps1 to add ${kubeProxyDsrFlags(p.kubernetesVersion as string).join(' ')} to kube-proxy; if the AMI's script changed, the node fails to join instead of running without DSR.`,
      source: SOURCE.BPG_WINDOWS_NETWORKING_DSR,
    });
  }
  if (ipMode === 'prefix-delegation') {
    warnings.push({
      code: 'PREFIX_DELEGATION_NITRO_ONLY',
      message:
        'Prefix delegation applies only to Nitro and bare-metal types and needs free, aligned /28 blocks in the subnets (InsufficientCidrBlocks otherwise, with no fallback).',
      source: `${SOURCE.BPG_PREFIX_WINDOWS}; ${SOURCE.VPCRC_PD}`,
    });
  }
  warnings.push(WINDOWS_IPAM_WARNING, LINUX_NODE_GROUP_WARNING(plan.templateId));

  const content =
    `# Rendered from template ${plan.templateId} (eks-net-planner)\n` +
    '# Merge into your module "eks" block; var.vpc_id, var.subnet_ids and var.windows_subnet_ids are yours to declare.\n' +
    writeHclModule('eks', moduleAttributes);
  const derived: Record<string, JsonValue> = {};
  if (maxPods !== undefined && p.maxPods === undefined) derived.maxPods = maxPods;
  return { objects: [{ module: { eks: toHclJson(moduleAttributes) as Record<string, unknown> } }], content, warnings, derived };
}

const terraformSelfManagedTemplate: TemplateDefinition = {
  id: 'terraform-eks-windows-self-managed-node-group',
  title: 'Terraform: terraform-aws-modules/eks self-managed Windows node group',
  kind: 'TerraformModule',
  apiVersion: `${TERRAFORM_EKS_MODULE_SOURCE} ${TERRAFORM_EKS_MODULE_VERSION}`,
  mediaType: 'text/x-hcl',
  description:
    `A module "eks" block (source ${TERRAFORM_EKS_MODULE_SOURCE}, version ${TERRAFORM_EKS_MODULE_VERSION}) with a self-managed Windows node group: the ami_type for the release and Core/Full variant, ` +
    "and bootstrap_extra_args (appended to the Start-EKSBootstrap.ps1 call by templates/windows_user_data.tpl) with -KubeletExtraArgs '--max-pods=N' from the capacity engine, " +
    '-KubeProxyExtraArgs with the DSR flags, -ServiceCIDR, -DNSClusterIP and -ExcludedSnatCIDRs.',
  windowsEnforced: true,
  source: `${TF_SOURCE.MODULE}; ${TF_SOURCE.SWAP}; ${SOURCE.EKS_BOOTSTRAP}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR}`,
  parameters: terraformParameters(false),
  render: (p, options) => renderTerraform({ templateId: 'terraform-eks-windows-self-managed-node-group', managed: false }, p, options),
};

const terraformManagedTemplate: TemplateDefinition = {
  id: 'terraform-eks-windows-managed-node-group',
  title: 'Terraform: terraform-aws-modules/eks EKS managed Windows node group',
  kind: 'TerraformModule',
  apiVersion: `${TERRAFORM_EKS_MODULE_SOURCE} ${TERRAFORM_EKS_MODULE_VERSION}`,
  mediaType: 'text/x-hcl',
  description:
    `A module "eks" block (source ${TERRAFORM_EKS_MODULE_SOURCE}, version ${TERRAFORM_EKS_MODULE_VERSION}) with an EKS managed Windows node group: the ami_type for the release and Core/Full variant; ` +
    'without a custom AMI the group runs only pre_bootstrap_user_data, which carries the fail-loudly DSR patch and the SERVICE_IPV4_CIDR / EXCLUDED_SNAT_CIDRS machine environment variables; ' +
    'with amiId the module renders the bootstrap call and bootstrap_extra_args carry --max-pods and -KubeProxyExtraArgs.',
  windowsEnforced: true,
  source: `${TF_SOURCE.MODULE}; ${TF_SOURCE.MNG_USER_DATA}; ${TF_SOURCE.SWAP}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR}; ${SOURCE.UG_WINDOWS_AMI_ENV_VARS}`,
  parameters: terraformParameters(true),
  render: (p, options) => renderTerraform({ templateId: 'terraform-eks-windows-managed-node-group', managed: true }, p, options),
};

export const NODE_PROVISIONER_TEMPLATES: TemplateDefinition[] = [
  karpenterNodePoolTemplate,
  terraformSelfManagedTemplate,
  terraformManagedTemplate,
];
