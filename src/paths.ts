import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The package root, whether running from src/ (tests, tsx) or dist/src/ (the
 * built bin): SQL files and fixtures ship beside them, not inside them.
 */
function findRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src/paths.ts -> root; dist/src/paths.js -> root
  return path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '..', '..') : path.resolve(here, '..');
}

export const ROOT = findRoot();
export const SQL_DIR = path.join(ROOT, 'sql');
export const SCHEMA_DIR = path.join(SQL_DIR, 'schema');
export const ANALYTICS_DIR = path.join(SQL_DIR, 'analytics');
export const FIXTURES_DIR = path.join(ROOT, 'fixtures');
