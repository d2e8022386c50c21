#!/usr/bin/env node
// Writes the bundled catalog, src/catalog/snapshot/instance-types.tsv: the project's own table of the
// facts the service reads about each EC2 instance type (one row a type), and the regions offering it.
// Built from DescribeInstanceTypes records and DescribeInstanceTypeOfferings (LocationType region)
// answers, by default the copies in ../shared/data/ec2. Plain Node, no dependencies.
// Usage: node scripts/generate-catalog-snapshot.mjs [ec2-data-dir] [out.tsv]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2] ?? join(root, '..', 'shared', 'data', 'ec2');
const output = process.argv[3] ?? join(root, 'src', 'catalog', 'snapshot', 'instance-types.tsv');

/** Where the input data came from (../shared/data/README.md). */
const SOURCE = {
  repository: 'getmoto/moto',
  paths: 'moto/ec2/resources/instance_types.json, moto/ec2/resources/instance_type_offerings/region/*.json',
  commit: '0af643a5',
  dataOf: '2026-08-02',
  license: 'Apache-2.0',
};

export const COLUMNS = [
  'instance_type',
  'hypervisor', // nitro | xen | empty (bare metal)
  'bare_metal', // 1/0
  'current_generation', // 1/0
  'burstable', // 1/0
  'vcpus',
  'memory_mib',
  'architectures', // comma-separated, sorted
  'ipv4_per_interface',
  'ipv6_per_interface',
  'ipv6_supported', // 1/0
  'max_network_interfaces', // all cards
  'max_network_cards',
  'default_network_card_index',
  'network_performance',
  'network_cards', // index:interfaces:baselineGbps:peakGbps:performance, joined by |
  'accelerators', // kind:count:manufacturer:name per device entry, joined by | (GPU, INFERENCE, NEURON, FPGA, MEDIA)
  'regions', // comma-separated region codes offering the type
];

const flag = (b) => (b === true ? '1' : '0');
/** The device lists of DescribeInstanceTypes, in the order the service reads them. */
const ACCELERATORS = [
  ['GPU', (r) => r.GpuInfo?.Gpus],
  ['INFERENCE', (r) => r.InferenceAcceleratorInfo?.Accelerators],
  ['NEURON', (r) => r.NeuronInfo?.NeuronDevices],
  ['FPGA', (r) => r.FpgaInfo?.Fpgas],
  ['MEDIA', (r) => r.MediaAcceleratorInfo?.Accelerators],
];
const accelerators = (r) =>
  ACCELERATORS.flatMap(([kind, list]) =>
    (list(r) ?? []).map((d) => {
      for (const v of [d.Manufacturer, d.Name])
        if (v !== undefined && /[|:]/.test(v)) throw new Error(`${r.InstanceType}: "|" or ":" in an accelerator name`);
      return [kind, d.Count ?? '', d.Manufacturer ?? '', d.Name ?? ''].join(':');
    }),
  ).join('|');
const clean = (s) => s ?? '';

const records = JSON.parse(readFileSync(join(input, 'instance-types.json'), 'utf8'));
const regionsByType = new Map();
const regionFiles = readdirSync(join(input, 'offerings'))
  .filter((f) => f.endsWith('.json'))
  .sort();
for (const file of regionFiles) {
  const region = file.slice(0, -'.json'.length);
  for (const { InstanceType } of JSON.parse(readFileSync(join(input, 'offerings', file), 'utf8'))) {
    if (!regionsByType.has(InstanceType)) regionsByType.set(InstanceType, []);
    regionsByType.get(InstanceType).push(region);
  }
}

const rows = Object.values(records).map((r) => {
  const n = r.NetworkInfo ?? {};
  const cards = (n.NetworkCards ?? [])
    .map((c) => [
      c.NetworkCardIndex ?? 0,
      c.MaximumNetworkInterfaces,
      c.BaselineBandwidthInGbps ?? '',
      c.PeakBandwidthInGbps ?? '',
      clean(c.NetworkPerformance),
    ])
    .sort((a, b) => a[0] - b[0]);
  for (const c of cards) if (String(c[4]).includes('|')) throw new Error(`${r.InstanceType}: "|" in a network performance`);
  const row = [
    r.InstanceType,
    r.Hypervisor ?? '',
    flag(r.BareMetal),
    flag(r.CurrentGeneration),
    flag(r.BurstablePerformanceSupported),
    r.VCpuInfo?.DefaultVCpus,
    r.MemoryInfo?.SizeInMiB,
    [...(r.ProcessorInfo?.SupportedArchitectures ?? [])].sort().join(','),
    n.Ipv4AddressesPerInterface,
    n.Ipv6AddressesPerInterface ?? 0,
    flag(n.Ipv6Supported),
    n.MaximumNetworkInterfaces,
    n.MaximumNetworkCards ?? '',
    n.DefaultNetworkCardIndex ?? 0,
    clean(n.NetworkPerformance),
    cards.map((c) => c.join(':')).join('|'),
    accelerators(r),
    (regionsByType.get(r.InstanceType) ?? []).join(','),
  ].map(String);
  for (const f of row) if (/[\t\n]/.test(f)) throw new Error(`${r.InstanceType}: a field holds a tab or newline`);
  if (row.length !== COLUMNS.length) throw new Error('column count');
  return row.join('\t');
});
rows.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const regions = regionFiles.map((f) => f.slice(0, -'.json'.length));
const text = [
  '# GENERATED FILE: do not edit by hand. Regenerate with `node scripts/generate-catalog-snapshot.mjs`.',
  `# The bundled instance catalog of eks-net-planner: ${rows.length} EC2 instance types, offerings in ${regions.length} regions.`,
  `# Facts taken from DescribeInstanceTypes records and DescribeInstanceTypeOfferings answers as recorded by`,
  `# ${SOURCE.repository} (${SOURCE.paths}), commit ${SOURCE.commit}, data of ${SOURCE.dataOf}; licence ${SOURCE.license}.`,
  `# regions: ${regions.join(',')}`,
  COLUMNS.join('\t'),
  ...rows,
  '',
].join('\n');
writeFileSync(output, text);
console.log(`wrote ${output}: ${rows.length} types, ${regions.length} regions, ${text.length} bytes`);
