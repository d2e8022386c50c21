import { describe, expect, it } from 'vitest';
import { catalog } from '../../capacity/core/capacity.test-fixtures.js';
import { getKarpenterIpv4PerInterface, KARPENTER_VPC_LIMITS_SOURCE } from '../../karpenter/core/index.js';
import { toDiagnosisRequest } from '../diagnosis-input.resolution.js';
import { diagnose, type DiagnosisInput } from './diagnosis.js';

// Karpenter's scheduling failure (kubernetes-sigs/karpenter pkg/controllers/provisioning/scheduling/nodeclaim.go)
// naming the Windows pod IP resource; Karpenter's PrivateIPv4Address is I - 1 from its own limits table
// (aws/karpenter-provider-aws pkg/providers/instancetype/types.go privateIPv4Address()).
const byName = new Map(catalog().types.map((t) => [t.name, t]));
const run = (input: DiagnosisInput) => diagnose(toDiagnosisRequest(input, byName));
const CODE = 'KARPENTER_NO_TYPE_WITH_WINDOWS_POD_IPS';

const OLD_LOG =
  '{"level":"ERROR","time":"2024-06-06T10:07:07.017Z","logger":"controller.provisioner","message":"Could not schedule pod, incompatible with nodepool \\"windows2022\\", daemonset overhead={\\"cpu\\":\\"30m\\",\\"memory\\":\\"120Mi\\",\\"pods\\":\\"1\\",\\"vpc.amazonaws.com/PrivateIPv4Address\\":\\"1\\"}, no instance type satisfied resources {\\"cpu\\":\\"530m\\",\\"memory\\":\\"632Mi\\",\\"pods\\":\\"2\\",\\"vpc.amazonaws.com/PrivateIPv4Address\\":\\"2\\"} and requirements karpenter.sh/nodepool In [windows2022], kubernetes.io/os In [windows], node.kubernetes.io/instance-type In [t3.nano m5.large]","pod":"web/iis-0"}';
const NEW_EVENT =
  '  Warning  FailedScheduling  12s (x5 over 2m)  karpenter  Failed to schedule pod, incompatible with nodepool "windows", daemonset overhead={"cpu":"30m","pods":"1"}, no instance type has enough resources, requirements=kubernetes.io/os In [windows], node.kubernetes.io/instance-type In [zz9.large], resources={"cpu":"500m","pods":"2","vpc.amazonaws.com/PrivateIPv4Address":"1"}';

describe('diagnose: Karpenter finds no type with Windows pod IPs', () => {
  it("an older JSON log line: the IPs asked for and each named type in Karpenter's table", () => {
    const f = run({ text: OLD_LOG }).findings.find((x) => x.code === CODE)!;
    expect(f.line).toBe(1);
    expect(f.cause).toContain('I - 1 per type whatever the IP mode');
    expect(f.fix.templateId).toBe('karpenter-windows-nodepool');
    expect(f.source).toContain('aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go');
    expect(f.source).toContain('#5478');
    const nano = getKarpenterIpv4PerInterface('t3.nano')!;
    const m5 = getKarpenterIpv4PerInterface('m5.large')!;
    expect(f.details).toEqual([
      'vpc.amazonaws.com/PrivateIPv4Address in the resources Karpenter could not fit = 2',
      `Karpenter t3.nano vpc.amazonaws.com/PrivateIPv4Address = I - 1 = ${nano} - 1 = ${nano - 1} (its limits table, whatever the IP mode) < 2 requested: no pod of these fits it`,
      `Karpenter m5.large vpc.amazonaws.com/PrivateIPv4Address = I - 1 = ${m5} - 1 = ${m5 - 1} (its limits table, whatever the IP mode)`,
    ]);
    expect(nano - 1).toBe(1);
    expect(m5 - 1).toBe(9);
  });

  it('the v1 event form ("no instance type has enough resources"): a type missing from its table gets 0', () => {
    const f = run({ text: NEW_EVENT }).findings.find((x) => x.code === CODE)!;
    expect(f.occurrences).toBe(5);
    expect(f.details).toContain(
      `Karpenter zz9.large vpc.amazonaws.com/PrivateIPv4Address = 0 (not in Karpenter's limits table, generated ${KARPENTER_VPC_LIMITS_SOURCE.generated}) < 1 requested: no pod of these fits it`,
    );
  });

  it.each([
    'no instance type met the scheduling requirements or had enough resources',
    'no instance type which had enough resources and the required offering met the scheduling requirements',
    'no instance type which met the scheduling requirements and had enough resources, had a required offering',
  ])('the combined form "%s"', (reason) => {
    const text = `Failed to schedule pod, incompatible with nodepool "windows", ${reason}, requirements=kubernetes.io/os In [windows], resources={"pods":"1","vpc.amazonaws.com/PrivateIPv4Address":"1"}`;
    expect(run({ text }).findings.map((x) => x.code)).toEqual([CODE]);
  });

  it('under prefix delegation: the controller W against what Karpenter counts', () => {
    const f = run({ text: NEW_EVENT, instanceType: 'm5.large', ipMode: 'PREFIX_DELEGATION' }).findings.find((x) => x.code === CODE)!;
    expect(
      f.details.some((d) =>
        /^with prefix delegation the VPC Resource Controller gives m5\.large W = \d+, but Karpenter still counts 9 /.test(d),
      ),
    ).toBe(true);
  });

  it.each([
    [
      'no resources named',
      'no instance type met all requirements, requirements=kubernetes.io/os In [windows], resources={"pods":"1"} vpc.amazonaws.com/PrivateIPv4Address',
    ],
    [
      'a Linux pod Karpenter cannot place',
      'Failed to schedule pod, no instance type has enough resources, requirements=kubernetes.io/os In [linux], resources={"cpu":"64","pods":"1"}',
    ],
    ["the scheduler's Insufficient message", '0/3 nodes are available: 3 Insufficient vpc.amazonaws.com/PrivateIPv4Address.'],
  ])('not this finding: %s', (_name, text) => {
    expect(run({ text }).findings.map((x) => x.code)).not.toContain(CODE);
  });

  it('a Windows pod with only a Linux NodePool: the requirement mismatch on kubernetes.io/os', () => {
    const text =
      '{"level":"ERROR","logger":"controller.provisioner","message":"could not schedule pod","Pod":{"name":"iis-0"},"error":"incompatible with nodepool \\"default\\", daemonset overhead={\\"cpu\\":\\"150m\\"}, incompatible requirements, key kubernetes.io/os, kubernetes.io/os In [windows] not in kubernetes.io/os In [linux]"}';
    const [f, ...rest] = run({ text }).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: 'KARPENTER_NODEPOOL_NOT_WINDOWS',
      line: 1,
      details: ['the NodePool allows kubernetes.io/os In [linux]'],
    });
    expect(f.fix.templateId).toBe('karpenter-windows-nodepool');
    expect(f.source).toContain('kubernetes-sigs/karpenter pkg/scheduling/requirements.go');
  });

  it('a Linux pod refused by a Windows NodePool is not this finding', () => {
    const text = 'incompatible requirements, key kubernetes.io/os, kubernetes.io/os In [linux] not in kubernetes.io/os In [windows]';
    expect(run({ text }).findings).toEqual([]);
  });
});
