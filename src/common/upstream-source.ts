/**
 * The capacity core names its sources with short repository names (`VPCRC pkg/aws/vpc/limits.go`,
 * `BPG prefix-mode_windows.adoc`, `UG windows-support`). Answers that quote them to users name the
 * repository in full, so the citation can be followed.
 */
const REPOSITORIES: ReadonlyArray<[RegExp, string]> = [
  [/^VPCRC /, 'aws/amazon-vpc-resource-controller-k8s '],
  [/^VPCCNI /, 'aws/amazon-vpc-cni-k8s '],
  [/^BPG (?!latest\/)/, 'aws/aws-eks-best-practices latest/bpg/'],
  [/^UG /, 'awsdocs/amazon-eks-user-guide '],
  [/^KEP-/, 'kubernetes/enhancements KEP-'],
];

export function expandSourceName(source: string): string {
  return source
    .split('; ')
    .map((part) => {
      for (const [pattern, repository] of REPOSITORIES) if (pattern.test(part)) return part.replace(pattern, repository);
      return part;
    })
    .join('; ');
}
