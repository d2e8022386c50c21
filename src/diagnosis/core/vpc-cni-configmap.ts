import { isJsonObject, parsePastedYaml, requireTextWithin, shapeError } from '../../common/pasted-document.js';
import { fromWindowsFile } from './log-collector.artefacts.js';

/**
 * The `kube-system/amazon-vpc-cni` ConfigMap as `kubectl -n kube-system get configmap amazon-vpc-cni -o yaml`
 * (or `-o json`) prints it, read for what the VPC Resource Controller takes from it
 * (aws/amazon-vpc-resource-controller-k8s docs/windows/*_config_options.md).
 */

export const VPC_CNI_CONFIGMAP_MAX_BYTES = 64 * 1024;

/** Warm-pool keys the controller reads first (and the VPC CNI Helm chart writes). */
export const SHARED_WARM_KEYS = ['warm-ip-target', 'minimum-ip-target', 'warm-prefix-target'] as const;
/**
 * Their windows-* twins, in the same order: the controller reads each one, in either IP mode, only when
 * its un-prefixed twin is absent (aws/amazon-vpc-resource-controller-k8s pkg/config/loader.go,
 * ParseWinIPTargetConfigs).
 */
export const WINDOWS_WARM_KEYS = ['windows-warm-ip-target', 'windows-minimum-ip-target', 'windows-warm-prefix-target'] as const;

export const VPCRC_CONFIGMAP_SOURCE =
  'aws/amazon-vpc-resource-controller-k8s docs/windows/secondary_ip_mode_config_options.md, docs/windows/prefix_delegation_config_options.md';

/**
 * What Go's strconv.ParseBool takes for true, which is how the controller reads its flags
 * (aws/amazon-vpc-resource-controller-k8s pkg/condition/conditions.go IsWindowsIPAMEnabled,
 * IsWindowsPrefixDelegationEnabled): exactly these; " true", "yes" or "TrUe" fail to parse and
 * leave the feature off.
 */
const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

export interface VpcCniConfigMap {
  data: Record<string, string>;
  /** `enable-windows-ipam` is true as the controller parses it (strconv.ParseBool). */
  windowsIpam: boolean;
  /**
   * Prefix delegation is on as the controller decides it: `enable-windows-prefix-delegation` true,
   * and `enable-windows-ipam` too (IsWindowsPrefixDelegationEnabled checks both).
   */
  prefixDelegation: boolean;
  sharedWarmKeys: string[];
  windowsWarmKeys: string[];
  /** The windows-* keys that are set but not read, their un-prefixed twin being set too. */
  shadowedWindowsWarmKeys: string[];
}

export function readVpcCniConfigMap(text: string, field = 'vpcCniConfigMap'): VpcCniConfigMap {
  const pasted = parsePastedYaml(
    fromWindowsFile(requireTextWithin(text, field, VPC_CNI_CONFIGMAP_MAX_BYTES)),
    field,
    VPC_CNI_CONFIGMAP_MAX_BYTES,
  );
  if (!isJsonObject(pasted)) throw shapeError(field, '$', 'expected the ConfigMap (a mapping with kind: ConfigMap)');
  const { doc, at } = pasted.kind === 'List' ? pickFromList(pasted, field) : { doc: pasted, at: '' };
  if (doc.kind !== undefined && doc.kind !== 'ConfigMap')
    throw shapeError(field, `${at}kind`, `expected ConfigMap, not ${String(doc.kind)}`);
  const raw = doc.data ?? {};
  if (!isJsonObject(raw)) throw shapeError(field, `${at}data`, 'expected a mapping of keys to strings');
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) data[key] = '';
    else if (typeof value === 'string') data[key] = value;
    else throw notAString(field, key, value, at);
  }
  const isTrue = (key: string) => data[key] !== undefined && GO_TRUE.has(data[key]);
  return {
    data,
    windowsIpam: isTrue('enable-windows-ipam'),
    prefixDelegation: isTrue('enable-windows-ipam') && isTrue('enable-windows-prefix-delegation'),
    sharedWarmKeys: SHARED_WARM_KEYS.filter((k) => k in data),
    windowsWarmKeys: WINDOWS_WARM_KEYS.filter((k) => k in data),
    shadowedWindowsWarmKeys: WINDOWS_WARM_KEYS.filter((k, i) => k in data && SHARED_WARM_KEYS[i] in data),
  };
}

/**
 * `kubectl get cm -n kube-system -o yaml` prints a List of every ConfigMap of the namespace: the one read is the
 * item named amazon-vpc-cni (in kube-system when the items say their namespace).
 */
function pickFromList(list: Record<string, unknown>, field: string): { doc: Record<string, unknown>; at: string } {
  if (!Array.isArray(list.items)) throw shapeError(field, 'items', 'expected the List items');
  const named = list.items
    .map((item: unknown, i) => ({ item, i }))
    .filter(
      (x): x is { item: Record<string, unknown>; i: number } =>
        isJsonObject(x.item) && isJsonObject(x.item.metadata) && x.item.metadata.name === 'amazon-vpc-cni',
    );
  const inKubeSystem = named.filter((x) => {
    const ns = (x.item.metadata as Record<string, unknown>).namespace;
    return ns === undefined || ns === 'kube-system';
  });
  if (inKubeSystem.length === 0) {
    const names = list.items
      .map((item: unknown) => (isJsonObject(item) && isJsonObject(item.metadata) ? item.metadata.name : undefined))
      .filter((n): n is string => typeof n === 'string');
    throw shapeError(
      field,
      'items',
      `the List has no ConfigMap named amazon-vpc-cni in kube-system (${list.items.length} item${list.items.length === 1 ? '' : 's'}` +
        `${names.length ? `: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}` : ''}); ` +
        'paste `kubectl -n kube-system get configmap amazon-vpc-cni -o yaml`',
    );
  }
  if (inKubeSystem.length > 1) {
    throw shapeError(field, 'items', `the List has ${inKubeSystem.length} ConfigMaps named amazon-vpc-cni: paste only the kube-system one`);
  }
  return { doc: inKubeSystem[0].item, at: `items[${inKubeSystem[0].i}].` };
}

/**
 * ConfigMap data holds strings only (kubernetes/api core/v1 types.go, ConfigMap.Data map[string]string). kubectl turns
 * the YAML into JSON with sigs.k8s.io/yaml, where an unquoted `true`, `yes`, `on` or `3` is a boolean or a number, and
 * the API server refuses the object; reading it as the string it looks like would audit a ConfigMap the cluster cannot have.
 */
function notAString(field: string, key: string, value: unknown, at = ''): Error {
  const kind = typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? 'number' : Array.isArray(value) ? 'array' : 'object';
  const quoted = typeof value === 'boolean' || typeof value === 'number' ? ` Quote it: ${key}: "${String(value)}".` : '';
  return shapeError(
    field,
    `${at}data.${key}`,
    `expected a string: ConfigMap data holds strings only, and kubectl reads this unquoted value as the ${kind} ${JSON.stringify(value)} ` +
      '(YAML 1.1 words such as yes, no, on and off are booleans), so the API server refuses the ConfigMap ' +
      `("json: cannot unmarshal ${kind} into Go struct field ConfigMap.data of type string").${quoted}`,
  );
}
