import type { CatalogInstanceType } from './instance-type.facts.js';
import { mapInstanceTypeRecord, type RawInstanceTypeRecord } from './instance-type.mapper.js';

export interface CatalogSnapshot {
  types: CatalogInstanceType[];
  regions: string[];
}

/** The columns of instance-types.tsv, as scripts/generate-catalog-snapshot.mjs writes them. */
const COLUMNS = [
  'instance_type',
  'hypervisor',
  'bare_metal',
  'current_generation',
  'burstable',
  'vcpus',
  'memory_mib',
  'architectures',
  'ipv4_per_interface',
  'ipv6_per_interface',
  'ipv6_supported',
  'max_network_interfaces',
  'max_network_cards',
  'default_network_card_index',
  'network_performance',
  'network_cards',
  'accelerators',
  'regions',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

const int = (v: string): number | undefined => (v === '' ? undefined : Number(v));
const optionalNumber = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));

/**
 * One row of the bundled table as the `DescribeInstanceTypes` record shape the mapper reads, so the
 * bundled catalog and a refresh from EC2 go through the same mapping and the same checks.
 */
export function snapshotRowToRecord(row: Row): RawInstanceTypeRecord {
  const cards = row.network_cards === '' ? [] : row.network_cards.split('|');
  const devices: Record<string, Array<{ Count?: number; Manufacturer?: string; Name?: string }>> = {};
  for (const entry of row.accelerators === '' ? [] : row.accelerators.split('|')) {
    const [kind, count, manufacturer, name] = entry.split(':');
    (devices[kind!] ??= []).push({
      ...(count !== '' && { Count: Number(count) }),
      ...(manufacturer !== '' && { Manufacturer: manufacturer }),
      ...(name !== '' && { Name: name }),
    });
  }
  return {
    InstanceType: row.instance_type,
    Hypervisor: row.hypervisor === '' ? undefined : row.hypervisor,
    BareMetal: row.bare_metal === '1',
    CurrentGeneration: row.current_generation === '1',
    BurstablePerformanceSupported: row.burstable === '1',
    VCpuInfo: { DefaultVCpus: int(row.vcpus) },
    MemoryInfo: { SizeInMiB: int(row.memory_mib) },
    ProcessorInfo: { SupportedArchitectures: row.architectures === '' ? [] : row.architectures.split(',') },
    NetworkInfo: {
      Ipv4AddressesPerInterface: int(row.ipv4_per_interface),
      Ipv6AddressesPerInterface: int(row.ipv6_per_interface),
      Ipv6Supported: row.ipv6_supported === '1',
      MaximumNetworkInterfaces: int(row.max_network_interfaces),
      MaximumNetworkCards: int(row.max_network_cards),
      DefaultNetworkCardIndex: int(row.default_network_card_index),
      NetworkPerformance: row.network_performance === '' ? undefined : row.network_performance,
      NetworkCards: cards.map((card) => {
        const [index, interfaces, baseline, peak, ...performance] = card.split(':');
        return {
          NetworkCardIndex: Number(index),
          MaximumNetworkInterfaces: Number(interfaces),
          BaselineBandwidthInGbps: optionalNumber(baseline),
          PeakBandwidthInGbps: optionalNumber(peak),
          NetworkPerformance: performance.length ? performance.join(':') : undefined,
        };
      }),
    },
    ...(devices.GPU && { GpuInfo: { Gpus: devices.GPU } }),
    ...(devices.INFERENCE && { InferenceAcceleratorInfo: { Accelerators: devices.INFERENCE } }),
    ...(devices.NEURON && { NeuronInfo: { NeuronDevices: devices.NEURON } }),
    ...(devices.FPGA && { FpgaInfo: { Fpgas: devices.FPGA } }),
    ...(devices.MEDIA && { MediaAcceleratorInfo: { Accelerators: devices.MEDIA } }),
  } as RawInstanceTypeRecord;
}

/** Parses the bundled table (its text), checking its header, into catalog types and the regions it covers. */
export function parseBundledSnapshot(text: string): CatalogSnapshot {
  let regions: string[] = [];
  let header: string[] | undefined;
  const types: CatalogInstanceType[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^# regions: (.*)$/.exec(line);
      if (m) regions = m[1]!.split(',').filter(Boolean).sort();
      continue;
    }
    const fields = line.split('\t');
    if (!header) {
      if (fields.join('\t') !== COLUMNS.join('\t')) throw new Error(`bundled catalog: unexpected header ${fields.join(', ')}`);
      header = fields;
      continue;
    }
    if (fields.length !== COLUMNS.length)
      throw new Error(`bundled catalog line ${i + 1}: ${fields.length} fields, expected ${COLUMNS.length}`);
    const row = Object.fromEntries(COLUMNS.map((c, k) => [c, fields[k]!])) as Row;
    const facts = mapInstanceTypeRecord(snapshotRowToRecord(row));
    types.push({ ...facts, regions: row.regions === '' ? [] : row.regions.split(',') });
  }
  if (!header) throw new Error('bundled catalog: no header line');
  types.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { types, regions };
}
