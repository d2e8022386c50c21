import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/common/project-path.js';

/**
 * A copy of what a fresh checkout holds for starting the service (package files, TypeScript
 * configs, src/, migrations/), sharing this checkout's installed node_modules. A spec can run the
 * README's own commands in it (`npm start` builds dist/ afresh) without rewriting the dist/ that
 * other specs run from at the same time.
 */
export function copyProjectForStart(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'planner-checkout-'));
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'migrations']) {
    cpSync(projectPath(entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(projectPath('node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
