import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../common/project-path.js';
import { parseBundledSnapshot, type CatalogSnapshot } from './core/snapshot.js';

/** Directory of the bundled catalog (see snapshot/PROVENANCE.md). */
export const SNAPSHOT_DIR = projectPath('src', 'catalog', 'snapshot');
export const SNAPSHOT_FILE = 'instance-types.tsv';

/** Reads the bundled catalog from disk (the parsing and mapping are the core's). */
export function readBundledSnapshot(dir: string = SNAPSHOT_DIR): CatalogSnapshot {
  return parseBundledSnapshot(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8'));
}
