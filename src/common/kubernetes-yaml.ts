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

/**
 * go-yaml's own table of plain words (gopkg.in/yaml.v2 resolve.go, resolveMapList; sigs.k8s.io/yaml reads
 * through it): the YAML 1.1 booleans the `yaml` package's 1.2 core schema leaves as strings.
 */
const GO_YAML_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);

/** go-yaml's float syntax (gopkg.in/yaml.v2 resolve.go, yamlStyleFloat), tried when ParseInt and ParseUint fail. */
const GO_YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/**
 * What go-yaml makes of a plain (unquoted, untagged) scalar, where that differs from the YAML 1.2 core schema the
 * `yaml` package reads with; undefined where both agree. go-yaml (gopkg.in/yaml.v2 resolve.go) looks the word up in
 * its table (the YAML 1.1 booleans), then, for a scalar starting with a digit or a sign, hands it without underscores
 * to strconv.ParseInt base 0 (`010` is octal 8, `0b101` is 5, `1_000` is 1000), then tries its float syntax.
 * Timestamps and `12:30` stay strings in both (go-yaml keeps timestamps as strings when decoding into interface{},
 * and has no sexagesimal numbers).
 */
export function goYamlPlainScalar(text: string): boolean | number | undefined {
  const word = GO_YAML_BOOLEANS.get(text);
  if (word !== undefined) return word;
  if (!/^[-+0-9]/.test(text)) return undefined;
  const plain = text.replace(/_/g, '');
  const m = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|([1-9][0-9]*|0))$/.exec(plain);
  if (m) {
    const [, sign, hex, octal, binary, legacyOctal, decimal] = m;
    const magnitude =
      hex !== undefined
        ? parseInt(hex, 16)
        : octal !== undefined
          ? parseInt(octal, 8)
          : binary !== undefined
            ? parseInt(binary, 2)
            : legacyOctal !== undefined
              ? parseInt(legacyOctal, 8)
              : Number(decimal);
    return sign === '-' ? -magnitude : magnitude;
  }
  if (GO_YAML_FLOAT.test(plain)) return Number(plain);
  return undefined;
}

/**
 * Gives every plain, untagged scalar value of a parsed document the value sigs.k8s.io/yaml (go-yaml) gives it, so a
 * pasted manifest means to the checks what it means to kubectl and the API server: `doNotTrack: yes` is true,
 * `port: 010` is 8. Keys are left as written. Call before toJS().
 */
export function readScalarsAsKubernetes(node: Parameters<typeof visit>[0]): void {
  visit(node, {
    Scalar(key, scalar) {
      if (key === 'key' || scalar.type !== 'PLAIN' || scalar.tag !== undefined || typeof scalar.source !== 'string') return;
      const value = goYamlPlainScalar(scalar.source);
      if (value !== undefined) scalar.value = value;
    },
  });
}
