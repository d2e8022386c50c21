import { stringify, type ToStringOptions } from 'yaml';

/**
 * YAML as Kubernetes reads it. kubectl and the API server read manifests with sigs.k8s.io/yaml,
 * which is go-yaml with YAML 1.1's scalars: `yes`, `no`, `on`, `off`, `y` and `n` are booleans,
 * `1_000` and `0b101` integers. Written with the YAML 1.2 core schema (the `yaml` package's
 * default) a label `app: yes` stays unquoted and reaches Kubernetes as `true`, which a string field
 * refuses; written as 1.1, every string that either version would read as something else is quoted,
 * so the text means the same to both (no `%YAML` directive is written).
 */
export function kubernetesYaml(value: unknown, options: Omit<ToStringOptions, 'version'> = {}): string {
  return stringify(value, { ...options, version: '1.1' });
}
