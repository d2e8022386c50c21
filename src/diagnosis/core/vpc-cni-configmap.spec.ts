import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { readVpcCniConfigMap } from './vpc-cni-configmap.js';

// `kubectl get cm -n kube-system -o yaml` prints a List of the namespace's ConfigMaps; the VPC Resource
// Controller reads kube-system/amazon-vpc-cni (aws/amazon-vpc-resource-controller-k8s docs/windows/*_config_options.md).

const list = (items: string) => `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
${items}`;
const COREDNS = `- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: coredns
    namespace: kube-system
  data:
    Corefile: ".:53 {}"
`;
const VPC_CNI = `- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: amazon-vpc-cni
    namespace: kube-system
  data:
    enable-windows-ipam: "true"
    enable-windows-prefix-delegation: "true"
    windows-warm-prefix-target: "1"
`;

const refusal = (text: string) => {
  try {
    readVpcCniConfigMap(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('readVpcCniConfigMap: a List of ConfigMaps', () => {
  it('reads the item named amazon-vpc-cni', () => {
    const cm = readVpcCniConfigMap(list(COREDNS + VPC_CNI));
    expect(cm.data).toEqual({
      'enable-windows-ipam': 'true',
      'enable-windows-prefix-delegation': 'true',
      'windows-warm-prefix-target': '1',
    });
    expect(cm.windowsIpam).toBe(true);
    expect(cm.prefixDelegation).toBe(true);
    expect(cm.windowsWarmKeys).toEqual(['windows-warm-prefix-target']);
  });

  it('a List without amazon-vpc-cni is refused, naming what it holds', () => {
    expect(refusal(list(COREDNS))).toBe(
      'vpcCniConfigMap: items: the List has no ConfigMap named amazon-vpc-cni in kube-system (1 item: coredns); paste `kubectl -n kube-system get configmap amazon-vpc-cni -o yaml`',
    );
  });

  it('an unquoted value in the picked item names its place in the List', () => {
    const bad = VPC_CNI.replace('enable-windows-ipam: "true"', 'enable-windows-ipam: true');
    expect(refusal(list(COREDNS + bad))).toContain('vpcCniConfigMap: items[1].data.enable-windows-ipam: expected a string');
  });

  it('another kind is still refused', () => {
    expect(refusal('apiVersion: v1\nkind: Secret\nmetadata:\n  name: amazon-vpc-cni\n')).toBe(
      'vpcCniConfigMap: kind: expected ConfigMap, not Secret',
    );
  });
});
