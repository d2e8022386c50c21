#!/usr/bin/env node
// Generates the project's own tables from Karpenter's generated data (../shared/data/karpenter/ by default):
//   src/capacity/core/karpenter-vpc-limits.generated.ts   the newer copy of the VPC Resource Controller limits
//                                                         (aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go)
//   src/capacity/core/bundled-linux-prices.generated.ts   on-demand Linux prices, us-east-1
//                                                         (aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go)
// Plain Node, no dependencies. Usage: node scripts/generate-karpenter-tables.mjs [karpenter-data-dir] [out-dir]
// Each table is stored as one string of tab-separated lines, parsed once at module load.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.argv[2] ?? join(root, '..', 'shared', 'data', 'karpenter');
const outDir = process.argv[3] ?? join(root, 'src', 'capacity', 'core');

/** Upstream provenance (../shared/data/README.md). */
const KARPENTER = { repository: 'aws/karpenter-provider-aws', commit: '1d927085', license: 'Apache-2.0' };

function readTsv(file, expectedHeader) {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = lines.shift().split('\t');
  if (header.join('\t') !== expectedHeader.join('\t')) throw new Error(`unexpected header in ${file}: ${header.join(', ')}`);
  return lines.map((line, i) => {
    const f = line.split('\t');
    if (f.length !== expectedHeader.length) throw new Error(`${file} line ${i + 2}: ${f.length} fields`);
    return { line: i + 2, f };
  });
}

const TYPE = /^[a-z0-9-]+\.[a-z0-9-]+$/;
const escape = (s) => s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

// ---- VPC limits ----
const limitsFile = join(dataDir, 'vpc-limits.tsv');
const limitRows = readTsv(limitsFile, [
  'instance_type',
  'max_interfaces',
  'ipv4_per_interface',
  'is_trunking_compatible',
  'branch_interfaces',
  'default_card_max_interfaces',
  'network_card_count',
  'default_network_card_index',
  'hypervisor',
  'is_bare_metal',
]);
const seen = new Set();
const limits = limitRows.map(({ line, f }) => {
  const [name, enis, ipv4, trunk, branch, , , , hypervisor, metal] = f;
  if (!TYPE.test(name)) throw new Error(`vpc-limits line ${line}: bad type ${name}`);
  if (seen.has(name)) throw new Error(`vpc-limits line ${line}: duplicate ${name}`);
  seen.add(name);
  for (const n of [ipv4, enis, branch]) if (!/^\d+$/.test(n)) throw new Error(`vpc-limits line ${line}: bad number ${n}`);
  for (const b of [trunk, metal]) if (b !== 'true' && b !== 'false') throw new Error(`vpc-limits line ${line}: bad boolean ${b}`);
  if (!['nitro', 'xen', ''].includes(hypervisor)) throw new Error(`vpc-limits line ${line}: bad hypervisor ${hypervisor}`);
  // The same columns, in the same order, as the public VPC Resource Controller table.
  return [name, ipv4, enis, trunk === 'true' ? 1 : 0, branch, hypervisor, metal === 'true' ? 1 : 0].join('\t');
});
limits.sort();
const limitsOut = join(outDir, 'karpenter-vpc-limits.generated.ts');
writeFileSync(
  limitsOut,
  `// GENERATED FILE: do not edit by hand. Regenerate with \`node scripts/generate-karpenter-tables.mjs\`.
//
// Source: ${KARPENTER.repository}, pkg/providers/instancetype/zz_generated.vpclimits.go, commit ${KARPENTER.commit}
// (generated upstream 2026-08-06 from the same generator as the VPC Resource Controller's pkg/aws/vpc/limits.go),
// via ../shared/data/karpenter/vpc-limits.tsv. Licence: ${KARPENTER.license} (Copyright Amazon.com, Inc. or its affiliates).
// ${limits.length} instance types. Columns (tab-separated), as in vpc-resource-controller-limits.generated.ts:
// instance_type, ipv4_per_interface, max_interfaces, is_trunking_compatible (1/0), branch_interfaces,
// hypervisor (nitro|xen|empty), is_bare_metal (1/0).

export const KARPENTER_VPC_LIMITS_SOURCE = {
  repository: '${KARPENTER.repository}',
  path: 'pkg/providers/instancetype/zz_generated.vpclimits.go',
  commit: '${KARPENTER.commit}',
  generated: '2026-08-06',
  license: '${KARPENTER.license}',
  rows: ${limits.length},
} as const;

export const KARPENTER_VPC_LIMITS_TSV = \`${escape(limits.join('\n'))}\`;
`,
);
console.log(`wrote ${limits.length} rows to ${limitsOut}`);

// ---- on-demand Linux prices ----
const pricesFile = join(dataDir, 'on-demand-linux-prices.tsv');
const priceRows = readTsv(pricesFile, ['region', 'instance_type', 'usd_per_hour']);
const priceKeys = new Set();
const prices = priceRows.map(({ line, f }) => {
  const [region, name, usd] = f;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`prices line ${line}: bad region ${region}`);
  if (!TYPE.test(name)) throw new Error(`prices line ${line}: bad type ${name}`);
  if (!/^\d+(\.\d+)?$/.test(usd) || !(Number(usd) > 0)) throw new Error(`prices line ${line}: bad price ${usd}`);
  const key = `${region}\t${name}`;
  if (priceKeys.has(key)) throw new Error(`prices line ${line}: duplicate ${key}`);
  priceKeys.add(key);
  // Compact: the shortest decimal that is the same number.
  return `${key}\t${String(Number(usd))}`;
});
prices.sort();
const regions = [...new Set(prices.map((p) => p.split('\t')[0]))].sort();
const pricesOut = join(outDir, 'bundled-linux-prices.generated.ts');
writeFileSync(
  pricesOut,
  `// GENERATED FILE: do not edit by hand. Regenerate with \`node scripts/generate-karpenter-tables.mjs\`.
//
// Source: ${KARPENTER.repository}, pkg/providers/pricing/zz_generated.pricing_aws.go, commit ${KARPENTER.commit}
// (generated upstream 2026-07-20 from the AWS Price List, operatingSystem=Linux, on-demand),
// via ../shared/data/karpenter/on-demand-linux-prices.tsv. Licence: ${KARPENTER.license}.
// ${prices.length} prices in ${regions.join(', ')}. Columns (tab-separated): region, instance_type, usd_per_hour.
// Linux only: Karpenter prices Windows nodes as Linux, without the Windows licence.

export const BUNDLED_LINUX_PRICES_SOURCE = {
  repository: '${KARPENTER.repository}',
  path: 'pkg/providers/pricing/zz_generated.pricing_aws.go',
  commit: '${KARPENTER.commit}',
  generated: '2026-07-20',
  license: '${KARPENTER.license}',
  regions: ${JSON.stringify(regions)},
  rows: ${prices.length},
} as const;

export const BUNDLED_LINUX_PRICES_TSV = \`${escape(prices.join('\n'))}\`;
`,
);
console.log(`wrote ${prices.length} rows to ${pricesOut}`);
