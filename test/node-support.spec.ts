import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../src/common/project-path.js';

// One Node.js story: package.json's engines, the image, CI and the README name the same line, every
// installed package accepts the lowest version claimed, and the suite itself runs on that line.
const read = (...p: string[]) => readFileSync(projectPath(...p), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
const claimed = pkg.engines.node;
const lowest = semver.minVersion(claimed)!.version;
const major = semver.major(lowest);

describe('supported Node.js', () => {
  it('claims one maintained line (22 or 24)', () => {
    expect([22, 24]).toContain(major);
    expect(semver.validRange(claimed)).not.toBeNull();
    // a single major line: everything the range admits shares the lowest version's major
    expect(semver.satisfies(`${major + 1}.0.0`, claimed)).toBe(false);
  });

  it('every package in the lockfile accepts the lowest Node.js claimed', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: unknown; version?: string }> };
    const refusing = Object.entries(lock.packages)
      .filter(
        ([path, p]) =>
          path !== '' && p.engines && typeof p.engines === 'object' && typeof (p.engines as { node?: unknown }).node === 'string',
      )
      .filter(([, p]) => !semver.satisfies(lowest, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path}@${p.version}: ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('the image, CI and the README name the same line', () => {
    expect(read('Dockerfile')).toMatch(new RegExp(`ARG NODE_IMAGE=node:${major}-`));
    expect(read('.ci', 'run')).toContain(`node@${major}`);
    expect(read('README.md')).toContain(`Node.js ${major}`);
  });

  it('the suite runs on the claimed line', () => {
    expect(semver.satisfies(process.versions.node, claimed), `running on Node.js ${process.versions.node}`).toBe(true);
  });
});
