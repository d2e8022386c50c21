import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubernetesYaml } from './kubernetes-yaml.js';

// Strings that YAML 1.1 (go-yaml, which sigs.k8s.io/yaml and so kubectl use) reads as booleans,
// integers, floats or null when unquoted, some of them plain strings under YAML 1.2.
const AMBIGUOUS = [
  'yes',
  'No',
  'ON',
  'off',
  'y',
  'n',
  'true',
  '1_000',
  '0b101',
  '010',
  '0x1F',
  '190:20:30',
  '1.0',
  '1e3',
  '.inf',
  '~',
  'null',
];

describe('kubernetesYaml', () => {
  it('writes every ambiguous string, as key and as value, so that YAML 1.1 and 1.2 both read it back as that string', () => {
    const labels = Object.fromEntries(AMBIGUOUS.map((s) => [s, s]));
    const text = kubernetesYaml({ matchLabels: labels });
    for (const version of ['1.1', '1.2'] as const) {
      expect(parse(text, { version }), `YAML ${version}`).toEqual({ matchLabels: labels });
    }
    expect(text).not.toMatch(/%YAML/);
  });

  it('leaves numbers, booleans and plain words as they are', () => {
    expect(kubernetesYaml({ port: 8080, enabled: true, app: 'web' })).toBe('port: 8080\nenabled: true\napp: web\n');
  });
});
