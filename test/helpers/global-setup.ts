import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PgliteDb } from '../../src/db/pglite.js';
import { migrate } from '../../src/db/migrate.js';

/**
 * Picks the server the suite runs against (SPEC §8): TEST_DATABASE_URL, else a
 * testcontainers PostgreSQL where Docker answers, else none (PGlite only).
 * Also dumps a migrated PGlite once, so each test file starts from it in
 * under a second instead of creating a database (~2.7 s).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    pgliteTemplate: string;
  }
}

export const TMP = path.resolve(import.meta.dirname, '..', '.tmp');

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject) {
  fs.mkdirSync(TMP, { recursive: true });
  let stop: (() => Promise<unknown>) | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL ?? '';
  if (!serverUrl && dockerAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const c = await new PostgreSqlContainer('postgres:16-alpine').start();
    serverUrl = c.getConnectionUri();
    stop = () => c.stop();
  }
  project.provide('serverUrl', serverUrl);

  const template = path.join(TMP, `pglite-template-${process.pid}.tar.gz`);
  const db = await PgliteDb.open();
  await migrate(db);
  const dump = await db.pg.dumpDataDir('gzip');
  fs.writeFileSync(template, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', template);

  return async () => {
    fs.rmSync(template, { force: true });
    await stop?.();
  };
}
