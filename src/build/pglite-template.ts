// Build step after tsc: a freshly created, empty embedded database, made by
// the PGlite this checkout installed.
//
// Why: PGlite.create() on a new directory runs initdb, seconds and ~750 MiB of
// peak RSS that its WebAssembly heap keeps for the rest of the process (a
// first `evtui load` into the default directory peaked there, whatever the
// file). db/pglite.ts starts every database that does not exist yet from this
// one instead (figures there). It holds no evtui schema: the migrations run on
// open as for any database.
//
// Two forms of the same database: a data directory (dist/pglite-template/,
// ~39 MB), which db/pglite.ts copies into a new directory on disk before
// PGlite opens it, and a tarball (dist/pglite-template.tar.gz, ~4.5 MB) for
// in-memory databases (--memory), which PGlite can only fill from one.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_TEMPLATE, PGLITE_TEMPLATE_DIR } from '../db/pglite.js';

const root = path.dirname(PGLITE_TEMPLATE_DIR);
const building = `${root}.tmp`;
fs.rmSync(building, { recursive: true, force: true });
fs.mkdirSync(building, { recursive: true });
const pg = await PGlite.create({ dataDir: path.join(building, path.basename(PGLITE_TEMPLATE_DIR)) });
const dump = await pg.dumpDataDir('gzip');
await pg.close();
fs.rmSync(root, { recursive: true, force: true });
fs.renameSync(building, root);
fs.writeFileSync(`${PGLITE_TEMPLATE}.tmp`, Buffer.from(await dump.arrayBuffer()));
fs.renameSync(`${PGLITE_TEMPLATE}.tmp`, PGLITE_TEMPLATE);
