import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from '../paths.js';
import type { FixtureInfo } from './types.js';

/** The shipped datasets, from fixtures/fixtures.json (only those whose file is present). */
export function listFixtures(): FixtureInfo[] {
  let entries: { name: string; description: string; events: number }[];
  try {
    entries = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'fixtures.json'), 'utf8')) as typeof entries;
  } catch {
    return [];
  }
  return entries
    .map((e) => ({ name: e.name, description: e.description, events: e.events, path: path.join(FIXTURES_DIR, `${e.name}.jsonl`) }))
    .filter((f) => fs.existsSync(f.path));
}
