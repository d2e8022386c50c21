import { Document, visit, type ToStringOptions } from 'yaml';

/**
 * YAML as Kubernetes reads it. kubectl and the API server read manifests with sigs.k8s.io/yaml,
 * which is go-yaml with YAML 1.1's scalars: `yes`, `no`, `on`, `off`, `y` and `n` are booleans,
 * `1_000` and `0b101` integers. Written with the YAML 1.2 core schema (the `yaml` package's
 * default) a label `app: yes` stays unquoted and reaches Kubernetes as `true`, which a string field
 * refuses; written as 1.1, every string that either version would read as something else is quoted,
 * so the text means the same to both (no `%YAML` directive is written).
 *
 * go-yaml goes one step beyond YAML 1.1: it hands a plain scalar, underscores removed, to Go's
 * strconv.ParseInt with base 0 (go-yaml resolve.go), which also takes `0o17` and `0O17` as octal;
 * YAML 1.1 has no `0o` form, so those are quoted here too.
 */
export function kubernetesYaml(value: unknown, options: Omit<ToStringOptions, 'version'> = {}): string {
  const doc = new Document(value, { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && goReadsAsInteger(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString(options);
}

/** Go's strconv.ParseInt(s, 0, 64) syntax, after go-yaml drops the underscores. */
const GO_INTEGER = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|\d+)$/;

function goReadsAsInteger(text: string): boolean {
  return GO_INTEGER.test(text.replace(/_/g, ''));
}
