import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A private PostgreSQL instance for tests that stop, restart or lock down a
 * server: initdb into a temporary directory, started with pg_ctl on a free
 * port, removed by stop(). The shared server is never touched. Null where no
 * PostgreSQL binaries are installed.
 */
export interface ScratchServer {
  /** postgres://postgres[:password]@127.0.0.1:port/postgres */
  url: string;
  port: number;
  restart(): void;
  stop(): void;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startScratchServer(opts: { password?: string } = {}): Promise<ScratchServer | null> {
  const bin = binDir();
  if (!bin) return null;
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-pg-'));
  const data = path.join(dir, 'data');
  // initdb refuses to run as root: run the server's tools as postgres then
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const cmd = asRoot ? 'runuser' : path.join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    execFileSync(cmd, argv, { stdio: 'ignore', timeout: 60_000 });
  };
  if (asRoot) fs.chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const init = ['-D', data, '-U', 'postgres', '--no-sync'];
  if (opts.password) {
    const pw = path.join(dir, 'pw');
    fs.writeFileSync(pw, opts.password + '\n');
    if (asRoot) execFileSync('chown', ['postgres', pw]);
    init.push('--auth=scram-sha-256', `--pwfile=${pw}`);
  } else init.push('--auth=trust');
  run('initdb', init);
  // -l: the server's output goes to a file, so pg_ctl returns instead of holding our pipe
  const start = ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB`];
  run('pg_ctl', [...start, 'start']);
  const auth = opts.password ? `postgres:${encodeURIComponent(opts.password)}` : 'postgres';
  return {
    url: `postgres://${auth}@127.0.0.1:${port}/postgres`,
    port,
    restart: () => run('pg_ctl', [...start, '-m', 'fast', 'restart']),
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
