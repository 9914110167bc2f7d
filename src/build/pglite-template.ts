// Build step after tsc: a freshly created, empty embedded database as a
// tarball (dist/pglite-template.tar.gz, ~4.5 MB), made by the PGlite this
// checkout installed.
//
// Why: PGlite.create() on a new directory runs initdb, seconds and ~750 MiB of
// peak RSS that its WebAssembly heap keeps for the rest of the process (a
// first `evtui load` into the default directory peaked there, whatever the
// file). Starting from this tarball (loadDataDir) halves both (figures in
// db/pglite.ts); db/pglite.ts uses it whenever a database does not exist yet.
// It holds no evtui schema: the migrations run on open as for any database.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_TEMPLATE } from '../db/pglite.js';

const pg = await PGlite.create();
const dump = await pg.dumpDataDir('gzip');
await pg.close();
fs.writeFileSync(`${PGLITE_TEMPLATE}.tmp`, Buffer.from(await dump.arrayBuffer()));
fs.renameSync(`${PGLITE_TEMPLATE}.tmp`, PGLITE_TEMPLATE);
