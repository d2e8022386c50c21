// GENERATED FILE: do not edit by hand. Regenerate with `node scripts/generate-karpenter-tables.mjs`.
//
// Source: aws/karpenter-provider-aws, pkg/providers/instancetype/zz_generated.vpclimits.go, commit 1d927085
// (generated upstream 2026-08-06 from the same generator as the VPC Resource Controller's pkg/aws/vpc/limits.go),
// via ../shared/data/karpenter/vpc-limits.tsv. Licence: Apache-2.0 (Copyright Amazon.com, Inc. or its affiliates).
// 1401 instance types. Columns (tab-separated), as in vpc-resource-controller-limits.generated.ts:
// instance_type, ipv4_per_interface, max_interfaces, is_trunking_compatible (1/0), branch_interfaces,
// hypervisor (nitro|xen|empty), is_bare_metal (1/0).

export const KARPENTER_VPC_LIMITS_SOURCE = {
  repository: 'aws/karpenter-provider-aws',
  path: 'pkg/providers/instancetype/zz_generated.vpclimits.go',
  commit: '1d927085',
  generated: '2026-08-06',
  license: 'Apache-2.0',
  rows: 1401,
} as const;

export const KARPENTER_VPC_LIMITS_TSV = `a1.2xlarge	15	4	1	38	nitro	0
a1.4xlarge	30	8	1	54	nitro	0
a1.large	10	3	1	9	nitro	0
a1.medium	4	2	1	10	nitro	0
a1.metal	30	8	1	54		1
a1.xlarge	15	4	1	18	nitro	0
c1.medium	6	2	0	0	xen	0
c1.xlarge	15	4	0	0	xen	0
c3.2xlarge	15	4	0	0	xen	0
c3.4xlarge	30	8	0	0	xen	0
c3.8xlarge	30	8	0	0	xen	0
c3.large	10	3	0	0	xen	0
c3.xlarge	15	4	0	0	xen	0
c4.2xlarge	15	4	0	0	xen	0
c4.4xlarge	30	8	0	0	xen	0
c4.8xlarge	30	8	0	0	xen	0
c4.large	10	3	0	0	xen	0
c4.xlarge	15	4	0	0	xen	0
c5.12xlarge	30	8	1	54	nitro	0
c5.18xlarge	50	15	1	107	nitro	0
c5.24xlarge	50	15	1	107	nitro	0
c5.2xlarge	15	4	1	38	nitro	0
c5.4xlarge	30	8	1	54	nitro	0
c5.9xlarge	30	8	1	54	nitro	0
c5.large	10	3	1	9	nitro	0
c5.metal	50	15	1	107		1
c5.xlarge	15	4	1	18	nitro	0
c5a.12xlarge	30	8	1	54	nitro	0
c5a.16xlarge	50	15	1	107	nitro	0
c5a.24xlarge	50	15	1	107	nitro	0
c5a.2xlarge	15	4	1	38	nitro	0
c5a.4xlarge	30	8	1	54	nitro	0
c5a.8xlarge	30	8	1	54	nitro	0
c5a.large	10	3	1	9	nitro	0
c5a.xlarge	15	4	1	18	nitro	0
c5ad.12xlarge	30	8	1	54	nitro	0
c5ad.16xlarge	50	15	1	107	nitro	0
c5ad.24xlarge	50	15	1	107	nitro	0
c5ad.2xlarge	15	4	1	38	nitro	0
c5ad.4xlarge	30	8	1	54	nitro	0
c5ad.8xlarge	30	8	1	54	nitro	0
c5ad.large	10	3	1	9	nitro	0
c5ad.xlarge	15	4	1	18	nitro	0
c5d.12xlarge	30	8	1	54	nitro	0
c5d.18xlarge	50	15	1	107	nitro	0
c5d.24xlarge	50	15	1	107	nitro	0
c5d.2xlarge	15	4	1	38	nitro	0
c5d.4xlarge	30	8	1	54	nitro	0
c5d.9xlarge	30	8	1	54	nitro	0
c5d.large	10	3	1	9	nitro	0
c5d.metal	50	15	1	107		1
c5d.xlarge	15	4	1	18	nitro	0
c5n.18xlarge	50	15	1	107	nitro	0
c5n.2xlarge	15	4	1	38	nitro	0
c5n.4xlarge	30	8	1	54	nitro	0
c5n.9xlarge	30	8	1	54	nitro	0
c5n.large	10	3	1	9	nitro	0
c5n.metal	50	15	1	107		1
c5n.xlarge	15	4	1	18	nitro	0
c6a.12xlarge	30	8	1	114	nitro	0
c6a.16xlarge	50	15	1	107	nitro	0
c6a.24xlarge	50	15	1	107	nitro	0
c6a.2xlarge	15	4	1	38	nitro	0
c6a.32xlarge	50	15	1	107	nitro	0
c6a.48xlarge	50	15	1	107	nitro	0
c6a.4xlarge	30	8	1	54	nitro	0
c6a.8xlarge	30	8	1	84	nitro	0
c6a.large	10	3	1	9	nitro	0
c6a.metal	50	15	1	107		1
c6a.xlarge	15	4	1	18	nitro	0
c6g.12xlarge	30	8	1	54	nitro	0
c6g.16xlarge	50	15	1	107	nitro	0
c6g.2xlarge	15	4	1	38	nitro	0
c6g.4xlarge	30	8	1	54	nitro	0
c6g.8xlarge	30	8	1	54	nitro	0
c6g.large	10	3	1	9	nitro	0
c6g.medium	4	2	1	4	nitro	0
c6g.metal	50	15	1	107		1
c6g.xlarge	15	4	1	18	nitro	0
c6gd.12xlarge	30	8	1	54	nitro	0
c6gd.16xlarge	50	15	1	107	nitro	0
c6gd.2xlarge	15	4	1	38	nitro	0
c6gd.4xlarge	30	8	1	54	nitro	0
c6gd.8xlarge	30	8	1	54	nitro	0
c6gd.large	10	3	1	9	nitro	0
c6gd.medium	4	2	1	4	nitro	0
c6gd.metal	50	15	1	107		1
c6gd.xlarge	15	4	1	18	nitro	0
c6gn.12xlarge	30	8	1	54	nitro	0
c6gn.16xlarge	50	15	1	107	nitro	0
c6gn.2xlarge	15	4	1	38	nitro	0
c6gn.4xlarge	30	8	1	54	nitro	0
c6gn.8xlarge	30	8	1	54	nitro	0
c6gn.large	10	3	1	9	nitro	0
c6gn.medium	4	2	1	4	nitro	0
c6gn.xlarge	15	4	1	18	nitro	0
c6i.12xlarge	30	8	1	114	nitro	0
c6i.16xlarge	50	15	1	107	nitro	0
c6i.24xlarge	50	15	1	107	nitro	0
c6i.2xlarge	15	4	1	38	nitro	0
c6i.32xlarge	50	15	1	107	nitro	0
c6i.4xlarge	30	8	1	54	nitro	0
c6i.8xlarge	30	8	1	84	nitro	0
c6i.large	10	3	1	9	nitro	0
c6i.metal	50	15	1	107		1
c6i.xlarge	15	4	1	18	nitro	0
c6id.12xlarge	30	8	1	114	nitro	0
c6id.16xlarge	50	15	1	107	nitro	0
c6id.24xlarge	50	15	1	107	nitro	0
c6id.2xlarge	15	4	1	38	nitro	0
c6id.32xlarge	50	15	1	107	nitro	0
c6id.4xlarge	30	8	1	54	nitro	0
c6id.8xlarge	30	8	1	84	nitro	0
c6id.large	10	3	1	9	nitro	0
c6id.metal	50	15	1	107		1
c6id.xlarge	15	4	1	18	nitro	0
c6in.12xlarge	30	8	1	114	nitro	0
c6in.16xlarge	50	15	1	107	nitro	0
c6in.24xlarge	50	15	1	107	nitro	0
c6in.2xlarge	15	4	1	38	nitro	0
c6in.32xlarge	50	16	1	106	nitro	0
c6in.4xlarge	30	8	1	54	nitro	0
c6in.8xlarge	30	8	1	84	nitro	0
c6in.large	10	3	1	9	nitro	0
c6in.metal	50	16	1	106		1
c6in.xlarge	15	4	1	18	nitro	0
c7a.12xlarge	30	8	1	114	nitro	0
c7a.16xlarge	50	15	1	107	nitro	0
c7a.24xlarge	50	15	1	107	nitro	0
c7a.2xlarge	15	4	1	38	nitro	0
c7a.32xlarge	50	15	1	107	nitro	0
c7a.48xlarge	50	15	1	107	nitro	0
c7a.4xlarge	30	8	1	54	nitro	0
c7a.8xlarge	30	8	1	84	nitro	0
c7a.large	10	3	1	9	nitro	0
c7a.medium	4	2	1	4	nitro	0
c7a.metal-48xl	50	15	1	107		1
c7a.xlarge	15	4	1	18	nitro	0
c7g-flex.2xlarge	15	4	1	18	nitro	0
c7g-flex.4xlarge	30	8	1	34	nitro	0
c7g-flex.8xlarge	30	8	1	54	nitro	0
c7g-flex.large	10	3	1	3	nitro	0
c7g-flex.medium	4	2	1	1	nitro	0
c7g-flex.xlarge	15	4	1	8	nitro	0
c7g.12xlarge	30	8	1	54	nitro	0
c7g.16xlarge	50	15	1	107	nitro	0
c7g.2xlarge	15	4	1	38	nitro	0
c7g.4xlarge	30	8	1	54	nitro	0
c7g.8xlarge	30	8	1	54	nitro	0
c7g.large	10	3	1	9	nitro	0
c7g.medium	4	2	1	4	nitro	0
c7g.metal	50	15	1	107		1
c7g.xlarge	15	4	1	18	nitro	0
c7gd.12xlarge	30	8	1	54	nitro	0
c7gd.16xlarge	50	15	1	107	nitro	0
c7gd.2xlarge	15	4	1	38	nitro	0
c7gd.4xlarge	30	8	1	54	nitro	0
c7gd.8xlarge	30	8	1	54	nitro	0
c7gd.large	10	3	1	9	nitro	0
c7gd.medium	4	2	1	4	nitro	0
c7gd.metal	50	15	1	107		1
c7gd.xlarge	15	4	1	18	nitro	0
c7gn.12xlarge	30	8	1	54	nitro	0
c7gn.16xlarge	50	15	1	107	nitro	0
c7gn.2xlarge	15	4	1	38	nitro	0
c7gn.4xlarge	30	8	1	54	nitro	0
c7gn.8xlarge	30	8	1	54	nitro	0
c7gn.large	10	3	1	9	nitro	0
c7gn.medium	4	2	1	4	nitro	0
c7gn.metal	50	15	1	107		1
c7gn.xlarge	15	4	1	18	nitro	0
c7i-flex.12xlarge	30	8	1	114	nitro	0
c7i-flex.16xlarge	50	15	1	107	nitro	0
c7i-flex.2xlarge	15	4	1	18	nitro	0
c7i-flex.4xlarge	30	8	1	34	nitro	0
c7i-flex.8xlarge	30	8	1	54	nitro	0
c7i-flex.large	10	3	1	3	nitro	0
c7i-flex.xlarge	15	4	1	8	nitro	0
c7i.12xlarge	30	8	1	114	nitro	0
c7i.16xlarge	50	15	1	107	nitro	0
c7i.24xlarge	50	15	1	107	nitro	0
c7i.2xlarge	15	4	1	38	nitro	0
c7i.32xlarge	50	15	1	107	nitro	0
c7i.48xlarge	50	15	1	107	nitro	0
c7i.4xlarge	30	8	1	54	nitro	0
c7i.8xlarge	30	8	1	84	nitro	0
c7i.large	10	3	1	9	nitro	0
c7i.metal-24xl	50	15	1	107		1
c7i.metal-48xl	50	15	1	107		1
c7i.xlarge	15	4	1	18	nitro	0
c8a.12xlarge	64	12	1	110	nitro	0
c8a.16xlarge	64	16	1	106	nitro	0
c8a.24xlarge	64	16	1	106	nitro	0
c8a.2xlarge	40	4	1	38	nitro	0
c8a.48xlarge	64	24	1	98	nitro	0
c8a.4xlarge	40	8	1	54	nitro	0
c8a.8xlarge	40	10	1	82	nitro	0
c8a.large	20	3	1	9	nitro	0
c8a.medium	4	2	1	4	nitro	0
c8a.metal-24xl	64	16	1	106		1
c8a.metal-48xl	64	24	1	98		1
c8a.xlarge	20	4	1	18	nitro	0
c8g-flex.12xlarge	30	8	1	54	nitro	0
c8g-flex.16xlarge	50	15	1	47	nitro	0
c8g-flex.2xlarge	15	4	1	18	nitro	0
c8g-flex.4xlarge	30	8	1	34	nitro	0
c8g-flex.8xlarge	30	8	1	54	nitro	0
c8g-flex.large	10	3	1	3	nitro	0
c8g-flex.medium	4	2	1	1	nitro	0
c8g-flex.xlarge	15	4	1	8	nitro	0
c8g.12xlarge	30	8	1	54	nitro	0
c8g.16xlarge	50	15	1	107	nitro	0
c8g.24xlarge	50	15	1	107	nitro	0
c8g.2xlarge	15	4	1	38	nitro	0
c8g.48xlarge	50	15	1	107	nitro	0
c8g.4xlarge	30	8	1	54	nitro	0
c8g.8xlarge	30	8	1	54	nitro	0
c8g.large	10	3	1	9	nitro	0
c8g.medium	4	2	1	4	nitro	0
c8g.metal-24xl	50	15	1	107		1
c8g.metal-48xl	50	15	1	107		1
c8g.xlarge	15	4	1	18	nitro	0
c8gb.12xlarge	30	12	1	50	nitro	0
c8gb.16xlarge	50	16	1	106	nitro	0
c8gb.24xlarge	50	24	1	98	nitro	0
c8gb.2xlarge	15	4	1	38	nitro	0
c8gb.48xlarge	50	24	1	98	nitro	0
c8gb.4xlarge	30	8	1	54	nitro	0
c8gb.8xlarge	30	10	1	52	nitro	0
c8gb.large	10	3	1	9	nitro	0
c8gb.medium	4	2	1	4	nitro	0
c8gb.metal-24xl	50	24	1	98		1
c8gb.metal-48xl	50	24	1	98		1
c8gb.xlarge	15	4	1	18	nitro	0
c8gd.12xlarge	30	8	1	54	nitro	0
c8gd.16xlarge	50	15	1	107	nitro	0
c8gd.24xlarge	50	15	1	107	nitro	0
c8gd.2xlarge	15	4	1	38	nitro	0
c8gd.48xlarge	50	15	1	107	nitro	0
c8gd.4xlarge	30	8	1	54	nitro	0
c8gd.8xlarge	30	8	1	54	nitro	0
c8gd.large	10	3	1	9	nitro	0
c8gd.medium	4	2	1	4	nitro	0
c8gd.metal-24xl	50	15	1	107		1
c8gd.metal-48xl	50	15	1	107		1
c8gd.xlarge	15	4	1	18	nitro	0
c8gn.12xlarge	30	12	1	50	nitro	0
c8gn.16xlarge	50	16	1	106	nitro	0
c8gn.24xlarge	50	24	1	98	nitro	0
c8gn.2xlarge	15	4	1	38	nitro	0
c8gn.48xlarge	50	24	1	98	nitro	0
c8gn.4xlarge	30	8	1	54	nitro	0
c8gn.8xlarge	30	10	1	52	nitro	0
c8gn.large	10	3	1	9	nitro	0
c8gn.medium	4	2	1	4	nitro	0
c8gn.metal-24xl	50	24	1	98		1
c8gn.metal-48xl	50	24	1	98		1
c8gn.xlarge	15	4	1	18	nitro	0
c8i-flex.12xlarge	50	12	1	110	nitro	0
c8i-flex.16xlarge	64	16	1	106	nitro	0
c8i-flex.2xlarge	30	4	1	18	nitro	0
c8i-flex.4xlarge	50	8	1	34	nitro	0
c8i-flex.8xlarge	50	10	1	52	nitro	0
c8i-flex.large	20	3	1	3	nitro	0
c8i-flex.xlarge	30	4	1	8	nitro	0
c8i.12xlarge	50	12	1	110	nitro	0
c8i.16xlarge	64	16	1	106	nitro	0
c8i.24xlarge	64	16	1	106	nitro	0
c8i.2xlarge	30	4	1	38	nitro	0
c8i.32xlarge	64	24	1	98	nitro	0
c8i.48xlarge	64	24	1	98	nitro	0
c8i.4xlarge	50	8	1	54	nitro	0
c8i.8xlarge	50	10	1	82	nitro	0
c8i.96xlarge	64	24	1	98	nitro	0
c8i.large	20	3	1	9	nitro	0
c8i.metal-48xl	64	24	1	98		1
c8i.metal-96xl	64	24	1	98		1
c8i.xlarge	30	4	1	18	nitro	0
c8ib.12xlarge	50	12	1	110	nitro	0
c8ib.16xlarge	64	16	1	106	nitro	0
c8ib.24xlarge	64	16	1	106	nitro	0
c8ib.2xlarge	30	4	1	38	nitro	0
c8ib.32xlarge	64	16	1	106	nitro	0
c8ib.48xlarge	64	24	1	98	nitro	0
c8ib.4xlarge	50	8	1	54	nitro	0
c8ib.8xlarge	50	8	1	84	nitro	0
c8ib.96xlarge	64	24	1	98	nitro	0
c8ib.large	20	4	1	8	nitro	0
c8ib.metal-48xl	64	24	1	98		1
c8ib.metal-96xl	64	24	1	98		1
c8ib.xlarge	30	4	1	18	nitro	0
c8id.12xlarge	50	12	1	110	nitro	0
c8id.16xlarge	64	16	1	106	nitro	0
c8id.24xlarge	64	16	1	106	nitro	0
c8id.2xlarge	30	4	1	38	nitro	0
c8id.32xlarge	64	24	1	98	nitro	0
c8id.48xlarge	64	24	1	98	nitro	0
c8id.4xlarge	50	8	1	54	nitro	0
c8id.8xlarge	50	10	1	82	nitro	0
c8id.96xlarge	64	24	1	98	nitro	0
c8id.large	20	3	1	9	nitro	0
c8id.metal-48xl	64	24	1	98		1
c8id.metal-96xl	64	24	1	98		1
c8id.xlarge	30	4	1	18	nitro	0
c8in.12xlarge	50	12	1	110	nitro	0
c8in.16xlarge	64	16	1	106	nitro	0
c8in.24xlarge	64	16	1	106	nitro	0
c8in.2xlarge	30	4	1	38	nitro	0
c8in.32xlarge	64	16	1	106	nitro	0
c8in.48xlarge	64	24	1	98	nitro	0
c8in.4xlarge	50	8	1	54	nitro	0
c8in.8xlarge	50	8	1	84	nitro	0
c8in.96xlarge	64	24	1	98	nitro	0
c8in.large	20	4	1	8	nitro	0
c8in.metal-48xl	64	24	1	98		1
c8in.metal-96xl	64	24	1	98		1
c8in.xlarge	30	4	1	18	nitro	0
c8ine.12xlarge	50	12	1	110	nitro	0
c8ine.2xlarge	30	4	1	38	nitro	0
c8ine.4xlarge	50	8	1	54	nitro	0
c8ine.8xlarge	50	8	1	84	nitro	0
c8ine.large	20	4	1	8	nitro	0
c8ine.xlarge	30	4	1	18	nitro	0
c9g.12xlarge	50	12	1	50	nitro	0
c9g.16xlarge	64	16	1	106	nitro	0
c9g.24xlarge	64	24	1	98	nitro	0
c9g.2xlarge	30	4	1	38	nitro	0
c9g.48xlarge	64	24	1	98	nitro	0
c9g.4xlarge	50	8	1	54	nitro	0
c9g.8xlarge	50	10	1	52	nitro	0
c9g.large	20	3	1	9	nitro	0
c9g.medium	20	2	1	4	nitro	0
c9g.metal-48xl	64	24	1	98		1
c9g.xlarge	30	4	1	18	nitro	0
c9gd.12xlarge	50	12	1	50	nitro	0
c9gd.16xlarge	64	16	1	106	nitro	0
c9gd.24xlarge	64	24	1	98	nitro	0
c9gd.2xlarge	30	4	1	38	nitro	0
c9gd.48xlarge	64	24	1	98	nitro	0
c9gd.4xlarge	50	8	1	54	nitro	0
c9gd.8xlarge	50	10	1	52	nitro	0
c9gd.large	20	3	1	9	nitro	0
c9gd.medium	20	2	1	4	nitro	0
c9gd.metal-48xl	64	24	1	98		1
c9gd.xlarge	30	4	1	18	nitro	0
d2.2xlarge	15	4	0	0	xen	0
d2.4xlarge	30	8	0	0	xen	0
d2.8xlarge	30	8	0	0	xen	0
d2.xlarge	15	4	0	0	xen	0
d3.2xlarge	5	4	1	92	nitro	0
d3.4xlarge	10	4	1	118	nitro	0
d3.8xlarge	20	3	1	119	nitro	0
d3.xlarge	3	4	1	42	nitro	0
d3en.12xlarge	30	3	1	119	nitro	0
d3en.2xlarge	5	4	1	58	nitro	0
d3en.4xlarge	10	4	1	118	nitro	0
d3en.6xlarge	15	4	1	118	nitro	0
d3en.8xlarge	20	4	1	118	nitro	0
d3en.xlarge	3	4	1	24	nitro	0
dl1.24xlarge	50	60	1	62	nitro	0
dl2q.24xlarge	50	15	1	107	nitro	0
f1.16xlarge	50	8	0	0	xen	0
f1.2xlarge	15	4	0	0	xen	0
f1.4xlarge	30	8	0	0	xen	0
f2.12xlarge	30	8	1	114	nitro	0
f2.48xlarge	50	15	1	107	nitro	0
f2.6xlarge	30	8	1	84	nitro	0
g4ad.16xlarge	30	8	1	6	nitro	0
g4ad.2xlarge	4	2	1	12	nitro	0
g4ad.4xlarge	10	3	1	11	nitro	0
g4ad.8xlarge	15	4	1	10	nitro	0
g4ad.xlarge	4	2	1	12	nitro	0
g4dn.12xlarge	30	8	1	54	nitro	0
g4dn.16xlarge	15	4	1	118	nitro	0
g4dn.2xlarge	10	3	1	39	nitro	0
g4dn.4xlarge	10	3	1	59	nitro	0
g4dn.8xlarge	15	4	1	58	nitro	0
g4dn.metal	50	15	1	107		1
g4dn.xlarge	10	3	1	39	nitro	0
g5.12xlarge	50	15	1	107	nitro	0
g5.16xlarge	30	8	1	114	nitro	0
g5.24xlarge	50	15	1	107	nitro	0
g5.2xlarge	15	4	1	17	nitro	0
g5.48xlarge	50	7	1	115	nitro	0
g5.4xlarge	30	8	1	34	nitro	0
g5.8xlarge	30	8	1	84	nitro	0
g5.xlarge	15	4	1	4	nitro	0
g5g.16xlarge	50	15	1	107	nitro	0
g5g.2xlarge	15	4	1	38	nitro	0
g5g.4xlarge	30	8	1	54	nitro	0
g5g.8xlarge	30	8	1	54	nitro	0
g5g.metal	50	15	1	107		1
g5g.xlarge	15	4	1	18	nitro	0
g6.12xlarge	30	8	1	114	nitro	0
g6.16xlarge	50	15	1	107	nitro	0
g6.24xlarge	50	15	1	107	nitro	0
g6.2xlarge	15	4	1	38	nitro	0
g6.48xlarge	50	15	1	107	nitro	0
g6.4xlarge	30	8	1	54	nitro	0
g6.8xlarge	30	8	1	84	nitro	0
g6.xlarge	15	4	1	18	nitro	0
g6e.12xlarge	30	10	1	112	nitro	0
g6e.16xlarge	50	15	1	107	nitro	0
g6e.24xlarge	50	20	1	102	nitro	0
g6e.2xlarge	15	4	1	38	nitro	0
g6e.48xlarge	50	40	1	82	nitro	0
g6e.4xlarge	30	8	1	54	nitro	0
g6e.8xlarge	30	8	1	84	nitro	0
g6e.xlarge	15	4	1	18	nitro	0
g6f.2xlarge	15	4	1	38	nitro	0
g6f.4xlarge	30	8	1	54	nitro	0
g6f.large	10	2	1	10	nitro	0
g6f.xlarge	15	4	1	18	nitro	0
g7.12xlarge	64	12	1	110	nitro	0
g7.24xlarge	64	24	1	98	nitro	0
g7.2xlarge	64	4	1	38	nitro	0
g7.48xlarge	64	24	1	98	nitro	0
g7.4xlarge	64	8	1	54	nitro	0
g7.8xlarge	64	10	1	82	nitro	0
g7e.12xlarge	64	10	1	120	nitro	0
g7e.24xlarge	64	20	1	120	nitro	0
g7e.2xlarge	64	4	1	120	nitro	0
g7e.48xlarge	64	40	1	120	nitro	0
g7e.4xlarge	64	8	1	120	nitro	0
g7e.8xlarge	64	8	1	120	nitro	0
gr6.4xlarge	30	8	1	54	nitro	0
gr6.8xlarge	30	8	1	84	nitro	0
gr6f.4xlarge	30	8	1	54	nitro	0
h1.16xlarge	50	8	0	0	xen	0
h1.2xlarge	15	4	0	0	xen	0
h1.4xlarge	30	8	0	0	xen	0
h1.8xlarge	30	8	0	0	xen	0
hpc7g.16xlarge	50	4	1	118	nitro	0
hpc7g.4xlarge	50	4	1	118	nitro	0
hpc7g.8xlarge	50	4	1	118	nitro	0
i2.2xlarge	15	4	0	0	xen	0
i2.4xlarge	30	8	0	0	xen	0
i2.8xlarge	30	8	0	0	xen	0
i2.xlarge	15	4	0	0	xen	0
i3.16xlarge	50	15	0	0	xen	0
i3.2xlarge	15	4	0	0	xen	0
i3.4xlarge	30	8	0	0	xen	0
i3.8xlarge	30	8	0	0	xen	0
i3.large	10	3	0	0	xen	0
i3.metal	50	15	1	120		1
i3.xlarge	15	4	0	0	xen	0
i3en.12xlarge	30	8	1	54	nitro	0
i3en.24xlarge	50	15	1	107	nitro	0
i3en.2xlarge	15	4	1	28	nitro	0
i3en.3xlarge	15	4	1	38	nitro	0
i3en.6xlarge	30	8	1	54	nitro	0
i3en.large	10	3	1	5	nitro	0
i3en.metal	50	15	1	107		1
i3en.xlarge	15	4	1	12	nitro	0
i4g.16xlarge	50	15	1	107	nitro	0
i4g.2xlarge	15	4	1	38	nitro	0
i4g.4xlarge	30	8	1	54	nitro	0
i4g.8xlarge	30	8	1	54	nitro	0
i4g.large	10	3	1	9	nitro	0
i4g.xlarge	15	4	1	18	nitro	0
i4i.12xlarge	30	8	1	112	nitro	0
i4i.16xlarge	50	15	1	120	nitro	0
i4i.24xlarge	30	15	1	105	nitro	0
i4i.2xlarge	15	4	1	26	nitro	0
i4i.32xlarge	50	15	1	120	nitro	0
i4i.4xlarge	30	8	1	52	nitro	0
i4i.8xlarge	30	8	1	112	nitro	0
i4i.large	10	3	1	9	nitro	0
i4i.metal	50	15	1	120		1
i4i.xlarge	15	4	1	6	nitro	0
i7i.12xlarge	30	8	1	84	nitro	0
i7i.16xlarge	50	15	1	107	nitro	0
i7i.24xlarge	50	15	1	107	nitro	0
i7i.2xlarge	15	4	1	38	nitro	0
i7i.48xlarge	50	15	1	107	nitro	0
i7i.4xlarge	30	8	1	54	nitro	0
i7i.8xlarge	30	8	1	84	nitro	0
i7i.large	10	3	1	9	nitro	0
i7i.metal-24xl	50	15	1	107		1
i7i.metal-48xl	50	15	1	107		1
i7i.xlarge	15	4	1	18	nitro	0
i7ie.12xlarge	50	8	1	54	nitro	0
i7ie.18xlarge	50	15	1	107	nitro	0
i7ie.24xlarge	50	15	1	107	nitro	0
i7ie.2xlarge	15	4	1	27	nitro	0
i7ie.3xlarge	15	4	1	27	nitro	0
i7ie.48xlarge	50	15	1	107	nitro	0
i7ie.6xlarge	30	8	1	54	nitro	0
i7ie.large	10	3	1	19	nitro	0
i7ie.metal-24xl	50	15	1	107		1
i7ie.metal-48xl	50	15	1	107		1
i7ie.xlarge	15	4	1	27	nitro	0
i8g.12xlarge	30	8	1	54	nitro	0
i8g.16xlarge	50	15	1	107	nitro	0
i8g.24xlarge	50	15	1	107	nitro	0
i8g.2xlarge	15	4	1	38	nitro	0
i8g.48xlarge	50	15	1	107	nitro	0
i8g.4xlarge	30	8	1	54	nitro	0
i8g.8xlarge	30	8	1	54	nitro	0
i8g.large	10	3	1	9	nitro	0
i8g.metal-24xl	50	15	1	107		1
i8g.metal-48xl	50	15	1	107		1
i8g.xlarge	15	4	1	18	nitro	0
i8ge.12xlarge	30	12	1	50	nitro	0
i8ge.18xlarge	50	16	1	106	nitro	0
i8ge.24xlarge	50	16	1	106	nitro	0
i8ge.2xlarge	15	4	1	27	nitro	0
i8ge.3xlarge	30	6	1	25	nitro	0
i8ge.48xlarge	50	24	1	98	nitro	0
i8ge.6xlarge	30	10	1	52	nitro	0
i8ge.large	10	3	1	19	nitro	0
i8ge.metal-24xl	50	16	1	106		1
i8ge.metal-48xl	50	24	1	98		1
i8ge.xlarge	15	4	1	27	nitro	0
im4gn.16xlarge	50	15	1	107	nitro	0
im4gn.2xlarge	15	4	1	38	nitro	0
im4gn.4xlarge	30	8	1	54	nitro	0
im4gn.8xlarge	30	8	1	54	nitro	0
im4gn.large	10	3	1	9	nitro	0
im4gn.xlarge	15	4	1	18	nitro	0
inf1.24xlarge	30	11	1	111	nitro	0
inf1.2xlarge	10	4	1	38	nitro	0
inf1.6xlarge	30	8	1	54	nitro	0
inf1.xlarge	10	4	1	38	nitro	0
inf2.24xlarge	50	15	1	107	nitro	0
inf2.48xlarge	50	15	1	107	nitro	0
inf2.8xlarge	30	8	1	84	nitro	0
inf2.xlarge	15	4	1	18	nitro	0
is4gen.2xlarge	15	4	1	38	nitro	0
is4gen.4xlarge	30	8	1	54	nitro	0
is4gen.8xlarge	30	8	1	54	nitro	0
is4gen.large	10	3	1	9	nitro	0
is4gen.medium	4	2	1	4	nitro	0
is4gen.xlarge	15	4	1	18	nitro	0
m1.large	10	3	0	0	xen	0
m1.medium	6	2	0	0	xen	0
m1.small	4	2	0	0	xen	0
m1.xlarge	15	4	0	0	xen	0
m2.2xlarge	30	4	0	0	xen	0
m2.4xlarge	30	8	0	0	xen	0
m2.xlarge	15	4	0	0	xen	0
m3.2xlarge	30	4	0	0	xen	0
m3.large	10	3	0	0	xen	0
m3.medium	6	2	0	0	xen	0
m3.xlarge	15	4	0	0	xen	0
m4.10xlarge	30	8	0	0	xen	0
m4.16xlarge	30	8	0	0	xen	0
m4.2xlarge	15	4	0	0	xen	0
m4.4xlarge	30	8	0	0	xen	0
m4.large	10	2	0	0	xen	0
m4.xlarge	15	4	0	0	xen	0
m5.12xlarge	30	8	1	54	nitro	0
m5.16xlarge	50	15	1	107	nitro	0
m5.24xlarge	50	15	1	107	nitro	0
m5.2xlarge	15	4	1	38	nitro	0
m5.4xlarge	30	8	1	54	nitro	0
m5.8xlarge	30	8	1	54	nitro	0
m5.large	10	3	1	9	nitro	0
m5.metal	50	15	1	120		1
m5.xlarge	15	4	1	18	nitro	0
m5a.12xlarge	30	8	1	54	nitro	0
m5a.16xlarge	50	15	1	107	nitro	0
m5a.24xlarge	50	15	1	107	nitro	0
m5a.2xlarge	15	4	1	38	nitro	0
m5a.4xlarge	30	8	1	54	nitro	0
m5a.8xlarge	30	8	1	54	nitro	0
m5a.large	10	3	1	9	nitro	0
m5a.xlarge	15	4	1	18	nitro	0
m5ad.12xlarge	30	8	1	54	nitro	0
m5ad.16xlarge	50	15	1	107	nitro	0
m5ad.24xlarge	50	15	1	107	nitro	0
m5ad.2xlarge	15	4	1	38	nitro	0
m5ad.4xlarge	30	8	1	54	nitro	0
m5ad.8xlarge	30	8	1	54	nitro	0
m5ad.large	10	3	1	9	nitro	0
m5ad.xlarge	15	4	1	18	nitro	0
m5d.12xlarge	30	8	1	54	nitro	0
m5d.16xlarge	50	15	1	107	nitro	0
m5d.24xlarge	50	15	1	107	nitro	0
m5d.2xlarge	15	4	1	38	nitro	0
m5d.4xlarge	30	8	1	54	nitro	0
m5d.8xlarge	30	8	1	54	nitro	0
m5d.large	10	3	1	9	nitro	0
m5d.metal	50	15	1	107		1
m5d.xlarge	15	4	1	18	nitro	0
m5dn.12xlarge	30	8	1	54	nitro	0
m5dn.16xlarge	50	15	1	107	nitro	0
m5dn.24xlarge	50	15	1	107	nitro	0
m5dn.2xlarge	15	4	1	38	nitro	0
m5dn.4xlarge	30	8	1	54	nitro	0
m5dn.8xlarge	30	8	1	54	nitro	0
m5dn.large	10	3	1	9	nitro	0
m5dn.metal	50	15	1	107		1
m5dn.xlarge	15	4	1	18	nitro	0
m5n.12xlarge	30	8	1	54	nitro	0
m5n.16xlarge	50	15	1	107	nitro	0
m5n.24xlarge	50	15	1	107	nitro	0
m5n.2xlarge	15	4	1	38	nitro	0
m5n.4xlarge	30	8	1	54	nitro	0
m5n.8xlarge	30	8	1	54	nitro	0
m5n.large	10	3	1	9	nitro	0
m5n.metal	50	15	1	107		1
m5n.xlarge	15	4	1	18	nitro	0
m5zn.12xlarge	50	15	1	107	nitro	0
m5zn.2xlarge	15	4	1	62	nitro	0
m5zn.3xlarge	30	8	1	92	nitro	0
m5zn.6xlarge	30	8	1	114	nitro	0
m5zn.large	10	3	1	13	nitro	0
m5zn.metal	50	15	1	107		1
m5zn.xlarge	15	4	1	29	nitro	0
m6a.12xlarge	30	8	1	114	nitro	0
m6a.16xlarge	50	15	1	107	nitro	0
m6a.24xlarge	50	15	1	107	nitro	0
m6a.2xlarge	15	4	1	38	nitro	0
m6a.32xlarge	50	15	1	107	nitro	0
m6a.48xlarge	50	15	1	107	nitro	0
m6a.4xlarge	30	8	1	54	nitro	0
m6a.8xlarge	30	8	1	84	nitro	0
m6a.large	10	3	1	9	nitro	0
m6a.metal	50	15	1	107		1
m6a.xlarge	15	4	1	18	nitro	0
m6g.12xlarge	30	8	1	54	nitro	0
m6g.16xlarge	50	15	1	107	nitro	0
m6g.2xlarge	15	4	1	38	nitro	0
m6g.4xlarge	30	8	1	54	nitro	0
m6g.8xlarge	30	8	1	54	nitro	0
m6g.large	10	3	1	9	nitro	0
m6g.medium	4	2	1	4	nitro	0
m6g.metal	50	15	1	107		1
m6g.xlarge	15	4	1	18	nitro	0
m6gd.12xlarge	30	8	1	54	nitro	0
m6gd.16xlarge	50	15	1	107	nitro	0
m6gd.2xlarge	15	4	1	38	nitro	0
m6gd.4xlarge	30	8	1	54	nitro	0
m6gd.8xlarge	30	8	1	54	nitro	0
m6gd.large	10	3	1	9	nitro	0
m6gd.medium	4	2	1	4	nitro	0
m6gd.metal	50	15	1	107		1
m6gd.xlarge	15	4	1	18	nitro	0
m6i.12xlarge	30	8	1	114	nitro	0
m6i.16xlarge	50	15	1	107	nitro	0
m6i.24xlarge	50	15	1	107	nitro	0
m6i.2xlarge	15	4	1	38	nitro	0
m6i.32xlarge	50	15	1	107	nitro	0
m6i.4xlarge	30	8	1	54	nitro	0
m6i.8xlarge	30	8	1	84	nitro	0
m6i.large	10	3	1	9	nitro	0
m6i.metal	50	15	1	107		1
m6i.xlarge	15	4	1	18	nitro	0
m6id.12xlarge	30	8	1	114	nitro	0
m6id.16xlarge	50	15	1	107	nitro	0
m6id.24xlarge	50	15	1	107	nitro	0
m6id.2xlarge	15	4	1	38	nitro	0
m6id.32xlarge	50	15	1	107	nitro	0
m6id.4xlarge	30	8	1	54	nitro	0
m6id.8xlarge	30	8	1	84	nitro	0
m6id.large	10	3	1	9	nitro	0
m6id.metal	50	15	1	107		1
m6id.xlarge	15	4	1	18	nitro	0
m6idn.12xlarge	30	8	1	114	nitro	0
m6idn.16xlarge	50	15	1	107	nitro	0
m6idn.24xlarge	50	15	1	107	nitro	0
m6idn.2xlarge	15	4	1	38	nitro	0
m6idn.32xlarge	50	16	1	106	nitro	0
m6idn.4xlarge	30	8	1	54	nitro	0
m6idn.8xlarge	30	8	1	84	nitro	0
m6idn.large	10	3	1	9	nitro	0
m6idn.metal	50	16	1	106		1
m6idn.xlarge	15	4	1	18	nitro	0
m6in.12xlarge	30	8	1	114	nitro	0
m6in.16xlarge	50	15	1	107	nitro	0
m6in.24xlarge	50	15	1	107	nitro	0
m6in.2xlarge	15	4	1	38	nitro	0
m6in.32xlarge	50	16	1	106	nitro	0
m6in.4xlarge	30	8	1	54	nitro	0
m6in.8xlarge	30	8	1	84	nitro	0
m6in.large	10	3	1	9	nitro	0
m6in.metal	50	16	1	106		1
m6in.xlarge	15	4	1	18	nitro	0
m7a.12xlarge	30	8	1	114	nitro	0
m7a.16xlarge	50	15	1	107	nitro	0
m7a.24xlarge	50	15	1	107	nitro	0
m7a.2xlarge	15	4	1	38	nitro	0
m7a.32xlarge	50	15	1	107	nitro	0
m7a.48xlarge	50	15	1	107	nitro	0
m7a.4xlarge	30	8	1	54	nitro	0
m7a.8xlarge	30	8	1	84	nitro	0
m7a.large	10	3	1	9	nitro	0
m7a.medium	4	2	1	4	nitro	0
m7a.metal-48xl	50	15	1	107		1
m7a.xlarge	15	4	1	18	nitro	0
m7g-flex.2xlarge	15	4	1	18	nitro	0
m7g-flex.4xlarge	30	8	1	34	nitro	0
m7g-flex.8xlarge	30	8	1	54	nitro	0
m7g-flex.large	10	3	1	3	nitro	0
m7g-flex.medium	4	2	1	1	nitro	0
m7g-flex.xlarge	15	4	1	8	nitro	0
m7g.12xlarge	30	8	1	54	nitro	0
m7g.16xlarge	50	15	1	107	nitro	0
m7g.2xlarge	15	4	1	38	nitro	0
m7g.4xlarge	30	8	1	54	nitro	0
m7g.8xlarge	30	8	1	54	nitro	0
m7g.large	10	3	1	9	nitro	0
m7g.medium	4	2	1	4	nitro	0
m7g.metal	50	15	1	107		1
m7g.xlarge	15	4	1	18	nitro	0
m7gd.12xlarge	30	8	1	54	nitro	0
m7gd.16xlarge	50	15	1	107	nitro	0
m7gd.2xlarge	15	4	1	38	nitro	0
m7gd.4xlarge	30	8	1	54	nitro	0
m7gd.8xlarge	30	8	1	54	nitro	0
m7gd.large	10	3	1	9	nitro	0
m7gd.medium	4	2	1	4	nitro	0
m7gd.metal	50	15	1	107		1
m7gd.xlarge	15	4	1	18	nitro	0
m7i-flex.12xlarge	30	8	1	114	nitro	0
m7i-flex.16xlarge	50	15	1	107	nitro	0
m7i-flex.2xlarge	15	4	1	18	nitro	0
m7i-flex.4xlarge	30	8	1	34	nitro	0
m7i-flex.8xlarge	30	8	1	54	nitro	0
m7i-flex.large	10	3	1	3	nitro	0
m7i-flex.xlarge	15	4	1	8	nitro	0
m7i.12xlarge	30	8	1	114	nitro	0
m7i.16xlarge	50	15	1	107	nitro	0
m7i.24xlarge	50	15	1	107	nitro	0
m7i.2xlarge	15	4	1	38	nitro	0
m7i.48xlarge	50	15	1	107	nitro	0
m7i.4xlarge	30	8	1	54	nitro	0
m7i.8xlarge	30	8	1	84	nitro	0
m7i.large	10	3	1	9	nitro	0
m7i.metal-24xl	50	15	1	107		1
m7i.metal-48xl	50	15	1	107		1
m7i.xlarge	15	4	1	18	nitro	0
m8a.12xlarge	64	12	1	110	nitro	0
m8a.16xlarge	64	16	1	106	nitro	0
m8a.24xlarge	64	16	1	106	nitro	0
m8a.2xlarge	40	4	1	38	nitro	0
m8a.48xlarge	64	24	1	98	nitro	0
m8a.4xlarge	40	8	1	54	nitro	0
m8a.8xlarge	40	10	1	82	nitro	0
m8a.large	20	3	1	9	nitro	0
m8a.medium	4	2	1	4	nitro	0
m8a.metal-24xl	64	16	1	106		1
m8a.metal-48xl	64	24	1	98		1
m8a.xlarge	20	4	1	18	nitro	0
m8azn.12xlarge	64	16	1	106	nitro	0
m8azn.24xlarge	64	16	1	106	nitro	0
m8azn.3xlarge	40	8	1	34	nitro	0
m8azn.6xlarge	40	8	1	54	nitro	0
m8azn.large	20	4	1	8	nitro	0
m8azn.medium	4	3	1	3	nitro	0
m8azn.metal-12xl	64	16	1	106		1
m8azn.metal-24xl	64	16	1	106		1
m8azn.xlarge	20	4	1	18	nitro	0
m8g-flex.12xlarge	30	8	1	54	nitro	0
m8g-flex.16xlarge	50	15	1	47	nitro	0
m8g-flex.2xlarge	15	4	1	18	nitro	0
m8g-flex.4xlarge	30	8	1	34	nitro	0
m8g-flex.8xlarge	30	8	1	54	nitro	0
m8g-flex.large	10	3	1	3	nitro	0
m8g-flex.medium	4	2	1	1	nitro	0
m8g-flex.xlarge	15	4	1	8	nitro	0
m8g.12xlarge	30	8	1	54	nitro	0
m8g.16xlarge	50	15	1	107	nitro	0
m8g.24xlarge	50	15	1	107	nitro	0
m8g.2xlarge	15	4	1	38	nitro	0
m8g.48xlarge	50	15	1	107	nitro	0
m8g.4xlarge	30	8	1	54	nitro	0
m8g.8xlarge	30	8	1	54	nitro	0
m8g.large	10	3	1	9	nitro	0
m8g.medium	4	2	1	4	nitro	0
m8g.metal-24xl	50	15	1	107		1
m8g.metal-48xl	50	15	1	107		1
m8g.xlarge	15	4	1	18	nitro	0
m8gb.12xlarge	30	12	1	50	nitro	0
m8gb.16xlarge	50	16	1	106	nitro	0
m8gb.24xlarge	50	24	1	98	nitro	0
m8gb.2xlarge	15	4	1	38	nitro	0
m8gb.48xlarge	50	24	1	98	nitro	0
m8gb.4xlarge	30	8	1	54	nitro	0
m8gb.8xlarge	30	10	1	52	nitro	0
m8gb.large	10	3	1	9	nitro	0
m8gb.medium	4	2	1	4	nitro	0
m8gb.metal-24xl	50	24	1	98		1
m8gb.metal-48xl	50	24	1	98		1
m8gb.xlarge	15	4	1	18	nitro	0
m8gd.12xlarge	30	8	1	54	nitro	0
m8gd.16xlarge	50	15	1	107	nitro	0
m8gd.24xlarge	50	15	1	107	nitro	0
m8gd.2xlarge	15	4	1	38	nitro	0
m8gd.48xlarge	50	15	1	107	nitro	0
m8gd.4xlarge	30	8	1	54	nitro	0
m8gd.8xlarge	30	8	1	54	nitro	0
m8gd.large	10	3	1	9	nitro	0
m8gd.medium	4	2	1	4	nitro	0
m8gd.metal-24xl	50	15	1	107		1
m8gd.metal-48xl	50	15	1	107		1
m8gd.xlarge	15	4	1	18	nitro	0
m8gn.12xlarge	30	12	1	50	nitro	0
m8gn.16xlarge	50	16	1	106	nitro	0
m8gn.24xlarge	50	24	1	98	nitro	0
m8gn.2xlarge	15	4	1	38	nitro	0
m8gn.48xlarge	50	24	1	98	nitro	0
m8gn.4xlarge	30	8	1	54	nitro	0
m8gn.8xlarge	30	10	1	52	nitro	0
m8gn.large	10	3	1	9	nitro	0
m8gn.medium	4	2	1	4	nitro	0
m8gn.metal-24xl	50	24	1	98		1
m8gn.metal-48xl	50	24	1	98		1
m8gn.xlarge	15	4	1	18	nitro	0
m8i-flex.12xlarge	50	12	1	110	nitro	0
m8i-flex.16xlarge	64	16	1	106	nitro	0
m8i-flex.2xlarge	30	4	1	18	nitro	0
m8i-flex.4xlarge	50	8	1	34	nitro	0
m8i-flex.8xlarge	50	10	1	52	nitro	0
m8i-flex.large	20	3	1	3	nitro	0
m8i-flex.xlarge	30	4	1	8	nitro	0
m8i.12xlarge	50	12	1	110	nitro	0
m8i.16xlarge	64	16	1	106	nitro	0
m8i.24xlarge	64	16	1	106	nitro	0
m8i.2xlarge	30	4	1	38	nitro	0
m8i.32xlarge	64	24	1	98	nitro	0
m8i.48xlarge	64	24	1	98	nitro	0
m8i.4xlarge	50	8	1	54	nitro	0
m8i.8xlarge	50	10	1	82	nitro	0
m8i.96xlarge	64	24	1	98	nitro	0
m8i.large	20	3	1	9	nitro	0
m8i.metal-48xl	64	24	1	98		1
m8i.metal-96xl	64	24	1	98		1
m8i.xlarge	30	4	1	18	nitro	0
m8ib.12xlarge	50	12	1	110	nitro	0
m8ib.16xlarge	64	16	1	106	nitro	0
m8ib.24xlarge	64	16	1	106	nitro	0
m8ib.2xlarge	30	4	1	38	nitro	0
m8ib.32xlarge	64	16	1	106	nitro	0
m8ib.48xlarge	64	24	1	98	nitro	0
m8ib.4xlarge	50	8	1	54	nitro	0
m8ib.8xlarge	50	8	1	84	nitro	0
m8ib.96xlarge	64	24	1	98	nitro	0
m8ib.large	20	4	1	8	nitro	0
m8ib.metal-48xl	64	24	1	98		1
m8ib.metal-96xl	64	24	1	98		1
m8ib.xlarge	30	4	1	18	nitro	0
m8id.12xlarge	50	12	1	110	nitro	0
m8id.16xlarge	64	16	1	106	nitro	0
m8id.24xlarge	64	16	1	106	nitro	0
m8id.2xlarge	30	4	1	38	nitro	0
m8id.32xlarge	64	24	1	98	nitro	0
m8id.48xlarge	64	24	1	98	nitro	0
m8id.4xlarge	50	8	1	54	nitro	0
m8id.8xlarge	50	10	1	82	nitro	0
m8id.96xlarge	64	24	1	98	nitro	0
m8id.large	20	3	1	9	nitro	0
m8id.metal-48xl	64	24	1	98		1
m8id.metal-96xl	64	24	1	98		1
m8id.xlarge	30	4	1	18	nitro	0
m8idb.12xlarge	50	12	1	110	nitro	0
m8idb.16xlarge	64	16	1	106	nitro	0
m8idb.24xlarge	64	16	1	106	nitro	0
m8idb.2xlarge	30	4	1	38	nitro	0
m8idb.32xlarge	64	16	1	106	nitro	0
m8idb.48xlarge	64	24	1	98	nitro	0
m8idb.4xlarge	50	8	1	54	nitro	0
m8idb.8xlarge	50	8	1	84	nitro	0
m8idb.96xlarge	64	24	1	98	nitro	0
m8idb.large	20	4	1	8	nitro	0
m8idb.metal-48xl	64	24	1	98		1
m8idb.metal-96xl	64	24	1	98		1
m8idb.xlarge	30	4	1	18	nitro	0
m8idn.12xlarge	50	12	1	110	nitro	0
m8idn.16xlarge	64	16	1	106	nitro	0
m8idn.24xlarge	64	16	1	106	nitro	0
m8idn.2xlarge	30	4	1	38	nitro	0
m8idn.32xlarge	64	16	1	106	nitro	0
m8idn.48xlarge	64	24	1	98	nitro	0
m8idn.4xlarge	50	8	1	54	nitro	0
m8idn.8xlarge	50	8	1	84	nitro	0
m8idn.96xlarge	64	24	1	98	nitro	0
m8idn.large	20	4	1	8	nitro	0
m8idn.metal-48xl	64	24	1	98		1
m8idn.metal-96xl	64	24	1	98		1
m8idn.xlarge	30	4	1	18	nitro	0
m8in.12xlarge	50	12	1	110	nitro	0
m8in.16xlarge	64	16	1	106	nitro	0
m8in.24xlarge	64	16	1	106	nitro	0
m8in.2xlarge	30	4	1	38	nitro	0
m8in.32xlarge	64	16	1	106	nitro	0
m8in.48xlarge	64	24	1	98	nitro	0
m8in.4xlarge	50	8	1	54	nitro	0
m8in.8xlarge	50	8	1	84	nitro	0
m8in.96xlarge	64	24	1	98	nitro	0
m8in.large	20	4	1	8	nitro	0
m8in.metal-48xl	64	24	1	98		1
m8in.metal-96xl	64	24	1	98		1
m8in.xlarge	30	4	1	18	nitro	0
m8ine.12xlarge	50	12	1	110	nitro	0
m8ine.2xlarge	30	4	1	38	nitro	0
m8ine.4xlarge	50	8	1	54	nitro	0
m8ine.8xlarge	50	8	1	84	nitro	0
m8ine.large	20	4	1	8	nitro	0
m8ine.xlarge	30	4	1	18	nitro	0
m9g.12xlarge	50	12	1	50	nitro	0
m9g.16xlarge	64	16	1	106	nitro	0
m9g.24xlarge	64	24	1	98	nitro	0
m9g.2xlarge	30	4	1	38	nitro	0
m9g.48xlarge	64	24	1	98	nitro	0
m9g.4xlarge	50	8	1	54	nitro	0
m9g.8xlarge	50	10	1	52	nitro	0
m9g.large	20	3	1	9	nitro	0
m9g.medium	20	2	1	4	nitro	0
m9g.metal-48xl	64	24	1	98		1
m9g.xlarge	30	4	1	18	nitro	0
m9gd.12xlarge	50	12	1	50	nitro	0
m9gd.16xlarge	64	16	1	106	nitro	0
m9gd.24xlarge	64	24	1	98	nitro	0
m9gd.2xlarge	30	4	1	38	nitro	0
m9gd.48xlarge	64	24	1	98	nitro	0
m9gd.4xlarge	50	8	1	54	nitro	0
m9gd.8xlarge	50	10	1	52	nitro	0
m9gd.large	20	3	1	9	nitro	0
m9gd.medium	20	2	1	4	nitro	0
m9gd.metal-48xl	64	24	1	98		1
m9gd.xlarge	30	4	1	18	nitro	0
mac-m3ultra.metal	30	8	1	6		1
mac-m4.metal	30	8	1	6		1
mac-m4max.metal	30	8	1	6		1
mac-m4pro.metal	30	8	1	6		1
mac1.metal	30	8	1	6		1
mac2-m1ultra.metal	30	8	1	6		1
mac2-m2.metal	30	8	1	6		1
mac2-m2pro.metal	30	8	1	6		1
mac2.metal	30	8	1	6		1
p3.16xlarge	30	8	0	0	xen	0
p3.2xlarge	15	4	0	0	xen	0
p3.8xlarge	30	8	0	0	xen	0
p3dn.24xlarge	50	15	1	107	nitro	0
p4d.24xlarge	50	60	1	62	nitro	0
p4de.24xlarge	50	60	1	62	nitro	0
p5.48xlarge	50	64	1	120	nitro	0
p5.4xlarge	30	4	1	58	nitro	0
p5e.48xlarge	50	64	1	120	nitro	0
p5en.48xlarge	50	64	1	120	nitro	0
p6-b200.48xlarge	50	32	1	120	nitro	0
p6-b300.48xlarge	50	68	1	120	nitro	0
r3.2xlarge	15	4	0	0	xen	0
r3.4xlarge	30	8	0	0	xen	0
r3.8xlarge	30	8	0	0	xen	0
r3.large	10	3	0	0	xen	0
r3.xlarge	15	4	0	0	xen	0
r4.16xlarge	50	15	0	0	xen	0
r4.2xlarge	15	4	0	0	xen	0
r4.4xlarge	30	8	0	0	xen	0
r4.8xlarge	30	8	0	0	xen	0
r4.large	10	3	0	0	xen	0
r4.xlarge	15	4	0	0	xen	0
r5.12xlarge	30	8	1	54	nitro	0
r5.16xlarge	50	15	1	107	nitro	0
r5.24xlarge	50	15	1	107	nitro	0
r5.2xlarge	15	4	1	38	nitro	0
r5.4xlarge	30	8	1	54	nitro	0
r5.8xlarge	30	8	1	54	nitro	0
r5.large	10	3	1	9	nitro	0
r5.metal	50	15	1	120		1
r5.xlarge	15	4	1	18	nitro	0
r5a.12xlarge	30	8	1	54	nitro	0
r5a.16xlarge	50	15	1	107	nitro	0
r5a.24xlarge	50	15	1	107	nitro	0
r5a.2xlarge	15	4	1	38	nitro	0
r5a.4xlarge	30	8	1	54	nitro	0
r5a.8xlarge	30	8	1	54	nitro	0
r5a.large	10	3	1	9	nitro	0
r5a.xlarge	15	4	1	18	nitro	0
r5ad.12xlarge	30	8	1	54	nitro	0
r5ad.16xlarge	50	15	1	107	nitro	0
r5ad.24xlarge	50	15	1	107	nitro	0
r5ad.2xlarge	15	4	1	38	nitro	0
r5ad.4xlarge	30	8	1	54	nitro	0
r5ad.8xlarge	30	8	1	54	nitro	0
r5ad.large	10	3	1	9	nitro	0
r5ad.xlarge	15	4	1	18	nitro	0
r5b.12xlarge	30	8	1	54	nitro	0
r5b.16xlarge	50	15	1	107	nitro	0
r5b.24xlarge	50	15	1	107	nitro	0
r5b.2xlarge	15	4	1	38	nitro	0
r5b.4xlarge	30	8	1	54	nitro	0
r5b.8xlarge	30	8	1	54	nitro	0
r5b.large	10	3	1	9	nitro	0
r5b.metal	50	15	1	107		1
r5b.xlarge	15	4	1	18	nitro	0
r5d.12xlarge	30	8	1	54	nitro	0
r5d.16xlarge	50	15	1	107	nitro	0
r5d.24xlarge	50	15	1	107	nitro	0
r5d.2xlarge	15	4	1	38	nitro	0
r5d.4xlarge	30	8	1	54	nitro	0
r5d.8xlarge	30	8	1	54	nitro	0
r5d.large	10	3	1	9	nitro	0
r5d.metal	50	15	1	107		1
r5d.xlarge	15	4	1	18	nitro	0
r5dn.12xlarge	30	8	1	54	nitro	0
r5dn.16xlarge	50	15	1	107	nitro	0
r5dn.24xlarge	50	15	1	107	nitro	0
r5dn.2xlarge	15	4	1	38	nitro	0
r5dn.4xlarge	30	8	1	54	nitro	0
r5dn.8xlarge	30	8	1	54	nitro	0
r5dn.large	10	3	1	9	nitro	0
r5dn.metal	50	15	1	107		1
r5dn.xlarge	15	4	1	18	nitro	0
r5n.12xlarge	30	8	1	54	nitro	0
r5n.16xlarge	50	15	1	107	nitro	0
r5n.24xlarge	50	15	1	107	nitro	0
r5n.2xlarge	15	4	1	38	nitro	0
r5n.4xlarge	30	8	1	54	nitro	0
r5n.8xlarge	30	8	1	54	nitro	0
r5n.large	10	3	1	9	nitro	0
r5n.metal	50	15	1	107		1
r5n.xlarge	15	4	1	18	nitro	0
r6a.12xlarge	30	8	1	114	nitro	0
r6a.16xlarge	50	15	1	107	nitro	0
r6a.24xlarge	50	15	1	107	nitro	0
r6a.2xlarge	15	4	1	38	nitro	0
r6a.32xlarge	50	15	1	107	nitro	0
r6a.48xlarge	50	15	1	107	nitro	0
r6a.4xlarge	30	8	1	54	nitro	0
r6a.8xlarge	30	8	1	84	nitro	0
r6a.large	10	3	1	9	nitro	0
r6a.metal	50	15	1	107		1
r6a.xlarge	15	4	1	18	nitro	0
r6g.12xlarge	30	8	1	54	nitro	0
r6g.16xlarge	50	15	1	107	nitro	0
r6g.2xlarge	15	4	1	38	nitro	0
r6g.4xlarge	30	8	1	54	nitro	0
r6g.8xlarge	30	8	1	54	nitro	0
r6g.large	10	3	1	9	nitro	0
r6g.medium	4	2	1	4	nitro	0
r6g.metal	50	15	1	107		1
r6g.xlarge	15	4	1	18	nitro	0
r6gd.12xlarge	30	8	1	54	nitro	0
r6gd.16xlarge	50	15	1	107	nitro	0
r6gd.2xlarge	15	4	1	38	nitro	0
r6gd.4xlarge	30	8	1	54	nitro	0
r6gd.8xlarge	30	8	1	54	nitro	0
r6gd.large	10	3	1	9	nitro	0
r6gd.medium	4	2	1	4	nitro	0
r6gd.metal	50	15	1	107		1
r6gd.xlarge	15	4	1	18	nitro	0
r6i.12xlarge	30	8	1	114	nitro	0
r6i.16xlarge	50	15	1	107	nitro	0
r6i.24xlarge	50	15	1	107	nitro	0
r6i.2xlarge	15	4	1	38	nitro	0
r6i.32xlarge	50	15	1	107	nitro	0
r6i.4xlarge	30	8	1	54	nitro	0
r6i.8xlarge	30	8	1	84	nitro	0
r6i.large	10	3	1	9	nitro	0
r6i.metal	50	15	1	107		1
r6i.xlarge	15	4	1	18	nitro	0
r6id.12xlarge	30	8	1	114	nitro	0
r6id.16xlarge	50	15	1	107	nitro	0
r6id.24xlarge	50	15	1	107	nitro	0
r6id.2xlarge	15	4	1	38	nitro	0
r6id.32xlarge	50	15	1	107	nitro	0
r6id.4xlarge	30	8	1	54	nitro	0
r6id.8xlarge	30	8	1	84	nitro	0
r6id.large	10	3	1	9	nitro	0
r6id.metal	50	15	1	107		1
r6id.xlarge	15	4	1	18	nitro	0
r6idn.12xlarge	30	8	1	114	nitro	0
r6idn.16xlarge	50	15	1	107	nitro	0
r6idn.24xlarge	50	15	1	107	nitro	0
r6idn.2xlarge	15	4	1	38	nitro	0
r6idn.32xlarge	50	16	1	106	nitro	0
r6idn.4xlarge	30	8	1	54	nitro	0
r6idn.8xlarge	30	8	1	84	nitro	0
r6idn.large	10	3	1	9	nitro	0
r6idn.metal	50	16	1	106		1
r6idn.xlarge	15	4	1	18	nitro	0
r6in.12xlarge	30	8	1	114	nitro	0
r6in.16xlarge	50	15	1	107	nitro	0
r6in.24xlarge	50	15	1	107	nitro	0
r6in.2xlarge	15	4	1	38	nitro	0
r6in.32xlarge	50	16	1	106	nitro	0
r6in.4xlarge	30	8	1	54	nitro	0
r6in.8xlarge	30	8	1	84	nitro	0
r6in.large	10	3	1	9	nitro	0
r6in.metal	50	16	1	106		1
r6in.xlarge	15	4	1	18	nitro	0
r7a.12xlarge	30	8	1	114	nitro	0
r7a.16xlarge	50	15	1	107	nitro	0
r7a.24xlarge	50	15	1	107	nitro	0
r7a.2xlarge	15	4	1	38	nitro	0
r7a.32xlarge	50	15	1	107	nitro	0
r7a.48xlarge	50	15	1	107	nitro	0
r7a.4xlarge	30	8	1	54	nitro	0
r7a.8xlarge	30	8	1	84	nitro	0
r7a.large	10	3	1	9	nitro	0
r7a.medium	4	2	1	4	nitro	0
r7a.metal-48xl	50	15	1	107		1
r7a.xlarge	15	4	1	18	nitro	0
r7g.12xlarge	30	8	1	54	nitro	0
r7g.16xlarge	50	15	1	107	nitro	0
r7g.2xlarge	15	4	1	38	nitro	0
r7g.4xlarge	30	8	1	54	nitro	0
r7g.8xlarge	30	8	1	54	nitro	0
r7g.large	10	3	1	9	nitro	0
r7g.medium	4	2	1	4	nitro	0
r7g.metal	50	15	1	107		1
r7g.xlarge	15	4	1	18	nitro	0
r7gd.12xlarge	30	8	1	54	nitro	0
r7gd.16xlarge	50	15	1	107	nitro	0
r7gd.2xlarge	15	4	1	38	nitro	0
r7gd.4xlarge	30	8	1	54	nitro	0
r7gd.8xlarge	30	8	1	54	nitro	0
r7gd.large	10	3	1	9	nitro	0
r7gd.medium	4	2	1	4	nitro	0
r7gd.metal	50	15	1	107		1
r7gd.xlarge	15	4	1	18	nitro	0
r7i.12xlarge	30	8	1	114	nitro	0
r7i.16xlarge	50	15	1	107	nitro	0
r7i.24xlarge	50	15	1	107	nitro	0
r7i.2xlarge	15	4	1	38	nitro	0
r7i.48xlarge	50	15	1	107	nitro	0
r7i.4xlarge	30	8	1	54	nitro	0
r7i.8xlarge	30	8	1	84	nitro	0
r7i.large	10	3	1	9	nitro	0
r7i.metal-24xl	50	15	1	107		1
r7i.metal-48xl	50	15	1	107		1
r7i.xlarge	15	4	1	18	nitro	0
r7iz.12xlarge	30	8	1	114	nitro	0
r7iz.16xlarge	50	15	1	107	nitro	0
r7iz.2xlarge	15	4	1	38	nitro	0
r7iz.32xlarge	50	15	1	107	nitro	0
r7iz.4xlarge	30	8	1	54	nitro	0
r7iz.8xlarge	30	8	1	84	nitro	0
r7iz.large	10	3	1	9	nitro	0
r7iz.metal-16xl	50	15	1	107		1
r7iz.metal-32xl	50	15	1	107		1
r7iz.xlarge	15	4	1	18	nitro	0
r8a.12xlarge	64	12	1	110	nitro	0
r8a.16xlarge	64	16	1	106	nitro	0
r8a.24xlarge	64	16	1	106	nitro	0
r8a.2xlarge	40	4	1	38	nitro	0
r8a.48xlarge	64	24	1	98	nitro	0
r8a.4xlarge	40	8	1	54	nitro	0
r8a.8xlarge	40	10	1	82	nitro	0
r8a.large	20	3	1	9	nitro	0
r8a.medium	4	2	1	4	nitro	0
r8a.metal-24xl	64	16	1	106		1
r8a.metal-48xl	64	24	1	98		1
r8a.xlarge	20	4	1	18	nitro	0
r8g.12xlarge	30	8	1	54	nitro	0
r8g.16xlarge	50	15	1	107	nitro	0
r8g.24xlarge	50	15	1	107	nitro	0
r8g.2xlarge	15	4	1	38	nitro	0
r8g.48xlarge	50	15	1	107	nitro	0
r8g.4xlarge	30	8	1	54	nitro	0
r8g.8xlarge	30	8	1	54	nitro	0
r8g.large	10	3	1	9	nitro	0
r8g.medium	4	2	1	4	nitro	0
r8g.metal-24xl	50	15	1	107		1
r8g.metal-48xl	50	15	1	107		1
r8g.xlarge	15	4	1	18	nitro	0
r8gb.12xlarge	30	12	1	50	nitro	0
r8gb.16xlarge	50	16	1	106	nitro	0
r8gb.24xlarge	50	24	1	98	nitro	0
r8gb.2xlarge	15	4	1	38	nitro	0
r8gb.48xlarge	50	24	1	98	nitro	0
r8gb.4xlarge	30	8	1	54	nitro	0
r8gb.8xlarge	30	10	1	52	nitro	0
r8gb.large	10	3	1	9	nitro	0
r8gb.medium	4	2	1	4	nitro	0
r8gb.metal-24xl	50	24	1	98		1
r8gb.metal-48xl	50	24	1	98		1
r8gb.xlarge	15	4	1	18	nitro	0
r8gd.12xlarge	30	8	1	54	nitro	0
r8gd.16xlarge	50	15	1	107	nitro	0
r8gd.24xlarge	50	15	1	107	nitro	0
r8gd.2xlarge	15	4	1	38	nitro	0
r8gd.48xlarge	50	15	1	107	nitro	0
r8gd.4xlarge	30	8	1	54	nitro	0
r8gd.8xlarge	30	8	1	54	nitro	0
r8gd.large	10	3	1	9	nitro	0
r8gd.medium	4	2	1	4	nitro	0
r8gd.metal-24xl	50	15	1	107		1
r8gd.metal-48xl	50	15	1	107		1
r8gd.xlarge	15	4	1	18	nitro	0
r8gn.12xlarge	30	12	1	50	nitro	0
r8gn.16xlarge	50	16	1	106	nitro	0
r8gn.24xlarge	50	24	1	98	nitro	0
r8gn.2xlarge	15	4	1	38	nitro	0
r8gn.48xlarge	50	24	1	98	nitro	0
r8gn.4xlarge	30	8	1	54	nitro	0
r8gn.8xlarge	30	10	1	52	nitro	0
r8gn.large	10	3	1	9	nitro	0
r8gn.medium	4	2	1	4	nitro	0
r8gn.metal-24xl	50	24	1	98		1
r8gn.metal-48xl	50	24	1	98		1
r8gn.xlarge	15	4	1	18	nitro	0
r8i-flex.12xlarge	50	12	1	110	nitro	0
r8i-flex.16xlarge	64	16	1	106	nitro	0
r8i-flex.2xlarge	30	4	1	18	nitro	0
r8i-flex.4xlarge	50	8	1	34	nitro	0
r8i-flex.8xlarge	50	10	1	52	nitro	0
r8i-flex.large	20	3	1	3	nitro	0
r8i-flex.xlarge	30	4	1	8	nitro	0
r8i.12xlarge	50	12	1	110	nitro	0
r8i.16xlarge	64	16	1	106	nitro	0
r8i.24xlarge	64	16	1	106	nitro	0
r8i.2xlarge	30	4	1	38	nitro	0
r8i.32xlarge	64	24	1	98	nitro	0
r8i.48xlarge	64	24	1	98	nitro	0
r8i.4xlarge	50	8	1	54	nitro	0
r8i.8xlarge	50	10	1	82	nitro	0
r8i.96xlarge	64	24	1	98	nitro	0
r8i.large	20	3	1	9	nitro	0
r8i.metal-48xl	64	24	1	98		1
r8i.metal-96xl	64	24	1	98		1
r8i.xlarge	30	4	1	18	nitro	0
r8ib.12xlarge	50	12	1	110	nitro	0
r8ib.16xlarge	64	16	1	106	nitro	0
r8ib.24xlarge	64	16	1	106	nitro	0
r8ib.2xlarge	30	4	1	38	nitro	0
r8ib.32xlarge	64	16	1	106	nitro	0
r8ib.48xlarge	64	24	1	98	nitro	0
r8ib.4xlarge	50	8	1	54	nitro	0
r8ib.8xlarge	50	8	1	84	nitro	0
r8ib.96xlarge	64	24	1	98	nitro	0
r8ib.large	20	4	1	8	nitro	0
r8ib.metal-48xl	64	24	1	98		1
r8ib.metal-96xl	64	24	1	98		1
r8ib.xlarge	30	4	1	18	nitro	0
r8id.12xlarge	50	12	1	110	nitro	0
r8id.16xlarge	64	16	1	106	nitro	0
r8id.24xlarge	64	16	1	106	nitro	0
r8id.2xlarge	30	4	1	38	nitro	0
r8id.32xlarge	64	24	1	98	nitro	0
r8id.48xlarge	64	24	1	98	nitro	0
r8id.4xlarge	50	8	1	54	nitro	0
r8id.8xlarge	50	10	1	82	nitro	0
r8id.96xlarge	64	24	1	98	nitro	0
r8id.large	20	3	1	9	nitro	0
r8id.metal-48xl	64	24	1	98		1
r8id.metal-96xl	64	24	1	98		1
r8id.xlarge	30	4	1	18	nitro	0
r8idb.12xlarge	50	12	1	110	nitro	0
r8idb.16xlarge	64	16	1	106	nitro	0
r8idb.24xlarge	64	16	1	106	nitro	0
r8idb.2xlarge	30	4	1	38	nitro	0
r8idb.32xlarge	64	16	1	106	nitro	0
r8idb.48xlarge	64	24	1	98	nitro	0
r8idb.4xlarge	50	8	1	54	nitro	0
r8idb.8xlarge	50	8	1	84	nitro	0
r8idb.96xlarge	64	24	1	98	nitro	0
r8idb.large	20	4	1	8	nitro	0
r8idb.metal-48xl	64	24	1	98		1
r8idb.metal-96xl	64	24	1	98		1
r8idb.xlarge	30	4	1	18	nitro	0
r8idn.12xlarge	50	12	1	110	nitro	0
r8idn.16xlarge	64	16	1	106	nitro	0
r8idn.24xlarge	64	16	1	106	nitro	0
r8idn.2xlarge	30	4	1	38	nitro	0
r8idn.32xlarge	64	16	1	106	nitro	0
r8idn.48xlarge	64	24	1	98	nitro	0
r8idn.4xlarge	50	8	1	54	nitro	0
r8idn.8xlarge	50	8	1	84	nitro	0
r8idn.96xlarge	64	24	1	98	nitro	0
r8idn.large	20	4	1	8	nitro	0
r8idn.metal-48xl	64	24	1	98		1
r8idn.metal-96xl	64	24	1	98		1
r8idn.xlarge	30	4	1	18	nitro	0
r8in.12xlarge	50	12	1	110	nitro	0
r8in.16xlarge	64	16	1	106	nitro	0
r8in.24xlarge	64	16	1	106	nitro	0
r8in.2xlarge	30	4	1	38	nitro	0
r8in.32xlarge	64	16	1	106	nitro	0
r8in.48xlarge	64	24	1	98	nitro	0
r8in.4xlarge	50	8	1	54	nitro	0
r8in.8xlarge	50	8	1	84	nitro	0
r8in.96xlarge	64	24	1	98	nitro	0
r8in.large	20	4	1	8	nitro	0
r8in.metal-48xl	64	24	1	98		1
r8in.metal-96xl	64	24	1	98		1
r8in.xlarge	30	4	1	18	nitro	0
t1.micro	2	2	0	0	xen	0
t2.2xlarge	15	3	0	0	xen	0
t2.large	12	3	0	0	xen	0
t2.medium	6	3	0	0	xen	0
t2.micro	2	2	0	0	xen	0
t2.nano	2	2	0	0	xen	0
t2.small	4	3	0	0	xen	0
t2.xlarge	15	3	0	0	xen	0
t3.2xlarge	15	4	0	0	nitro	0
t3.large	12	3	0	0	nitro	0
t3.medium	6	3	0	0	nitro	0
t3.micro	2	2	0	0	nitro	0
t3.nano	2	2	0	0	nitro	0
t3.small	4	3	0	0	nitro	0
t3.xlarge	15	4	0	0	nitro	0
t3a.2xlarge	15	4	0	0	nitro	0
t3a.large	12	3	0	0	nitro	0
t3a.medium	6	3	0	0	nitro	0
t3a.micro	2	2	0	0	nitro	0
t3a.nano	2	2	0	0	nitro	0
t3a.small	4	2	0	0	nitro	0
t3a.xlarge	15	4	0	0	nitro	0
t4g.2xlarge	15	4	0	0	nitro	0
t4g.large	12	3	0	0	nitro	0
t4g.medium	6	3	0	0	nitro	0
t4g.micro	2	2	0	0	nitro	0
t4g.nano	2	2	0	0	nitro	0
t4g.small	4	3	0	0	nitro	0
t4g.xlarge	15	4	0	0	nitro	0
trn1.2xlarge	15	4	1	17	nitro	0
trn1.32xlarge	50	40	1	82	nitro	0
trn1n.32xlarge	50	80	1	120	nitro	0
u-3tb1.56xlarge	30	8	1	6	nitro	0
u-6tb1.112xlarge	50	15	0	0	nitro	0
u-6tb1.56xlarge	50	15	0	0	nitro	0
u7i-12tb.224xlarge	50	15	1	107	nitro	0
u7i-6tb.112xlarge	50	15	1	107	nitro	0
u7i-8tb.112xlarge	50	15	1	107	nitro	0
u7in-16tb.224xlarge	50	16	1	106	nitro	0
u7in-24tb.224xlarge	50	16	1	106	nitro	0
u7in-32tb.224xlarge	50	16	1	106	nitro	0
vt1.24xlarge	50	15	1	107	nitro	0
vt1.3xlarge	15	4	1	38	nitro	0
vt1.6xlarge	30	8	1	54	nitro	0
x1.16xlarge	30	8	0	0	xen	0
x1.32xlarge	30	8	0	0	xen	0
x1e.16xlarge	30	8	0	0	xen	0
x1e.2xlarge	15	4	0	0	xen	0
x1e.32xlarge	30	8	0	0	xen	0
x1e.4xlarge	15	4	0	0	xen	0
x1e.8xlarge	15	4	0	0	xen	0
x1e.xlarge	10	3	0	0	xen	0
x2gd.12xlarge	30	8	1	54	nitro	0
x2gd.16xlarge	50	15	1	107	nitro	0
x2gd.2xlarge	15	4	1	38	nitro	0
x2gd.4xlarge	30	8	1	54	nitro	0
x2gd.8xlarge	30	8	1	54	nitro	0
x2gd.large	10	3	1	9	nitro	0
x2gd.medium	4	2	1	10	nitro	0
x2gd.metal	50	15	1	107		1
x2gd.xlarge	15	4	1	18	nitro	0
x2idn.16xlarge	50	15	1	107	nitro	0
x2idn.24xlarge	50	15	1	107	nitro	0
x2idn.32xlarge	50	15	1	107	nitro	0
x2idn.metal	50	15	1	107		1
x2iedn.16xlarge	50	15	1	107	nitro	0
x2iedn.24xlarge	50	15	1	107	nitro	0
x2iedn.2xlarge	15	4	1	27	nitro	0
x2iedn.32xlarge	50	15	1	107	nitro	0
x2iedn.4xlarge	30	8	1	54	nitro	0
x2iedn.8xlarge	30	8	1	114	nitro	0
x2iedn.metal	50	15	1	107		1
x2iedn.xlarge	15	4	1	11	nitro	0
x2iezn.12xlarge	50	15	1	107	nitro	0
x2iezn.2xlarge	15	4	1	62	nitro	0
x2iezn.4xlarge	30	8	1	114	nitro	0
x2iezn.6xlarge	30	8	1	114	nitro	0
x2iezn.8xlarge	30	8	1	114	nitro	0
x2iezn.metal	50	15	1	107		1
x8aedz.12xlarge	64	16	1	106	nitro	0
x8aedz.24xlarge	64	16	1	106	nitro	0
x8aedz.3xlarge	40	8	1	34	nitro	0
x8aedz.6xlarge	40	8	1	54	nitro	0
x8aedz.large	20	4	1	8	nitro	0
x8aedz.metal-12xl	64	16	1	106		1
x8aedz.metal-24xl	64	16	1	106		1
x8aedz.xlarge	20	4	1	18	nitro	0
x8g.12xlarge	30	8	1	54	nitro	0
x8g.16xlarge	50	15	1	107	nitro	0
x8g.24xlarge	50	15	1	107	nitro	0
x8g.2xlarge	15	4	1	38	nitro	0
x8g.48xlarge	50	15	1	107	nitro	0
x8g.4xlarge	30	8	1	54	nitro	0
x8g.8xlarge	30	8	1	54	nitro	0
x8g.large	10	3	1	9	nitro	0
x8g.medium	4	2	1	4	nitro	0
x8g.metal-24xl	50	15	1	107		1
x8g.metal-48xl	50	15	1	107		1
x8g.xlarge	15	4	1	18	nitro	0
x8i.12xlarge	50	12	1	110	nitro	0
x8i.16xlarge	64	16	1	106	nitro	0
x8i.24xlarge	64	16	1	106	nitro	0
x8i.2xlarge	30	4	1	38	nitro	0
x8i.32xlarge	64	24	1	98	nitro	0
x8i.48xlarge	64	24	1	98	nitro	0
x8i.4xlarge	50	8	1	54	nitro	0
x8i.64xlarge	64	24	1	98	nitro	0
x8i.8xlarge	50	10	1	82	nitro	0
x8i.96xlarge	64	24	1	98	nitro	0
x8i.large	20	3	1	9	nitro	0
x8i.metal-48xl	64	24	1	98		1
x8i.metal-96xl	64	24	1	98		1
x8i.xlarge	30	4	1	18	nitro	0
z1d.12xlarge	50	15	1	107	nitro	0
z1d.2xlarge	15	4	1	58	nitro	0
z1d.3xlarge	30	8	1	54	nitro	0
z1d.6xlarge	30	8	1	54	nitro	0
z1d.large	10	3	1	13	nitro	0
z1d.metal	50	15	1	107		1
z1d.xlarge	15	4	1	28	nitro	0`;
