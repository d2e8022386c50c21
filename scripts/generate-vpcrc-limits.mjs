#!/usr/bin/env node
// Generates src/capacity/core/vpc-resource-controller-limits.generated.ts from the VPC Resource
// Controller's limits table (../shared/data/vpc-resource-controller/limits.tsv by default).
// Plain Node, no dependencies. Usage: node scripts/generate-vpcrc-limits.mjs [limits.tsv] [out.ts]
// The table is stored as one string of tab-separated lines and parsed once at module load.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2] ?? join(root, '..', 'shared', 'data', 'vpc-resource-controller', 'limits.tsv');
const output = process.argv[3] ?? join(root, 'src', 'capacity', 'core', 'vpc-resource-controller-limits.generated.ts');

const EXPECTED_HEADER = [
  'instance_type',
  'ipv4_per_interface',
  'max_interfaces',
  'is_trunking_compatible',
  'branch_interfaces',
  'hypervisor',
  'is_bare_metal',
];

const lines = readFileSync(input, 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '');
const header = lines.shift().split('\t');
if (header.join('\t') !== EXPECTED_HEADER.join('\t')) {
  throw new Error(`unexpected header in ${input}: ${header.join(', ')}`);
}
const seen = new Set();
const rows = lines.map((line, i) => {
  const f = line.split('\t');
  if (f.length !== EXPECTED_HEADER.length) throw new Error(`line ${i + 2}: ${f.length} fields`);
  const [name, ipv4, enis, trunk, branch, hypervisor, metal] = f;
  if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(name)) throw new Error(`line ${i + 2}: bad type ${name}`);
  if (seen.has(name)) throw new Error(`line ${i + 2}: duplicate ${name}`);
  seen.add(name);
  for (const n of [ipv4, enis, branch]) if (!/^\d+$/.test(n)) throw new Error(`line ${i + 2}: bad number ${n}`);
  for (const b of [trunk, metal]) if (b !== 'true' && b !== 'false') throw new Error(`line ${i + 2}: bad boolean ${b}`);
  if (!['nitro', 'xen', ''].includes(hypervisor)) throw new Error(`line ${i + 2}: bad hypervisor ${hypervisor}`);
  // Compact: booleans as 1/0.
  return [name, ipv4, enis, trunk === 'true' ? 1 : 0, branch, hypervisor, metal === 'true' ? 1 : 0].join('\t');
});
rows.sort();

const body = rows.join('\n').replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
const text = `// GENERATED FILE: do not edit by hand. Regenerate with \`node scripts/generate-vpcrc-limits.mjs\`.
//
// Source: aws/amazon-vpc-resource-controller-k8s, pkg/aws/vpc/limits.go, commit b8d42511
// (table generated upstream 2026-03-20), via ../shared/data/vpc-resource-controller/limits.tsv.
// Licence: Apache-2.0 (Copyright Amazon.com, Inc. or its affiliates).
// ${rows.length} instance types. Columns (tab-separated): instance_type, ipv4_per_interface,
// max_interfaces, is_trunking_compatible (1/0), branch_interfaces, hypervisor (nitro|xen|empty),
// is_bare_metal (1/0).

export const VPCRC_LIMITS_SOURCE = {
  repository: 'aws/amazon-vpc-resource-controller-k8s',
  path: 'pkg/aws/vpc/limits.go',
  commit: 'b8d42511',
  generated: '2026-03-20',
  license: 'Apache-2.0',
  rows: ${rows.length},
} as const;

export const VPCRC_LIMITS_TSV = \`${body}\`;
`;
writeFileSync(output, text);
console.log(`wrote ${rows.length} rows to ${output}`);
