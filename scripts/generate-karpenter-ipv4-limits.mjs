#!/usr/bin/env node
// Generates src/karpenter/core/karpenter-ipv4-limits.generated.ts: the one column of Karpenter's copy of
// the VPC limits that its Windows planning reads (IPv4 addresses per interface; Karpenter advertises
// vpc.amazonaws.com/PrivateIPv4Address = that - 1 on Windows nodes, pkg/providers/instancetype/types.go).
// Input: ../shared/data/karpenter/vpc-limits.tsv (Karpenter's pkg/providers/instancetype/zz_generated.vpclimits.go).
// Plain Node, no dependencies. Usage: node scripts/generate-karpenter-ipv4-limits.mjs [vpc-limits.tsv] [out.ts]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2] ?? join(root, '..', 'shared', 'data', 'karpenter', 'vpc-limits.tsv');
const output = process.argv[3] ?? join(root, 'src', 'karpenter', 'core', 'karpenter-ipv4-limits.generated.ts');

const lines = readFileSync(input, 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '');
const header = lines.shift().split('\t');
const nameAt = header.indexOf('instance_type');
const ipv4At = header.indexOf('ipv4_per_interface');
if (nameAt !== 0 || ipv4At < 0) throw new Error(`unexpected header in ${input}: ${header.join(', ')}`);
const seen = new Set();
const rows = lines.map((line, i) => {
  const f = line.split('\t');
  if (f.length !== header.length) throw new Error(`line ${i + 2}: ${f.length} fields, expected ${header.length}`);
  const name = f[nameAt];
  const ipv4 = f[ipv4At];
  if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(name)) throw new Error(`line ${i + 2}: bad type ${name}`);
  if (seen.has(name)) throw new Error(`line ${i + 2}: duplicate ${name}`);
  if (!/^\d+$/.test(ipv4) || Number(ipv4) < 1) throw new Error(`line ${i + 2}: bad ipv4_per_interface ${ipv4}`);
  seen.add(name);
  return `${name}\t${ipv4}`;
});
rows.sort();

const text = `// GENERATED FILE: do not edit by hand. Regenerate with \`node scripts/generate-karpenter-ipv4-limits.mjs\`.
//
// Source: aws/karpenter-provider-aws, pkg/providers/instancetype/zz_generated.vpclimits.go, commit 1d927085
// (table generated upstream 2026-08-06), via ../shared/data/karpenter/vpc-limits.tsv.
// Licence: Apache-2.0 (Copyright Amazon.com, Inc. or its affiliates).
// ${rows.length} instance types. Columns (tab-separated): instance_type, ipv4_per_interface.
// Only the column Karpenter's Windows planning reads is kept.

export const KARPENTER_VPC_LIMITS_SOURCE = {
  repository: 'aws/karpenter-provider-aws',
  path: 'pkg/providers/instancetype/zz_generated.vpclimits.go',
  commit: '1d927085',
  generated: '2026-08-06',
  license: 'Apache-2.0',
  rows: ${rows.length},
} as const;

export const KARPENTER_IPV4_LIMITS_TSV = \`${rows.join('\n')}\`;
`;
writeFileSync(output, text);
console.log(`wrote ${rows.length} rows to ${output}`);
