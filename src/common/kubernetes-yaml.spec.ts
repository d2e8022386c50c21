import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { goYamlPlainScalar, kubernetesYaml } from './kubernetes-yaml.js';

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
  // Go's strconv.ParseInt base 0, which go-yaml hands plain scalars to, reads these as octal.
  '0o17',
  '0O755',
  '-0o17',
  '0_o17',
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

  it("quotes what go-yaml reads as an integer through Go's strconv.ParseInt base 0, beyond YAML 1.1", () => {
    for (const s of ['0o17', '0O755', '-0o17', '+0o7', '0_o17', '0x_1F']) expect(kubernetesYaml({ v: s })).toBe(`v: "${s}"\n`);
    for (const s of ['0o8', '0xG', 'o17', '1.2.3']) expect(kubernetesYaml({ v: s })).toBe(`v: ${s}\n`);
  });

  it.each([
    ['yes', true],
    ['Y', true],
    ['ON', true],
    ['off', false],
    ['No', false],
    ['n', false],
    ['010', 8],
    ['-010', -8],
    ['0o17', 15],
    ['0b101', 5],
    ['0x1F', 31],
    ['1_000', 1000],
    ['08', 8],
    ['1e3', 1000],
    ['12:30', undefined],
    ['2026-12-04', undefined],
    ['yes please', undefined],
    ['TRUE', undefined],
  ] as const)('go-yaml reads the plain scalar %s as %s (undefined: as the YAML 1.2 core schema does)', (text, expected) => {
    expect(goYamlPlainScalar(text)).toBe(expected);
  });

  it('leaves numbers, booleans and plain words as they are', () => {
    expect(kubernetesYaml({ port: 8080, enabled: true, app: 'web' })).toBe('port: 8080\nenabled: true\napp: web\n');
  });
});
