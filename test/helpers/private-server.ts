import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl in a temporary
 * directory, on a free port), for faults no shared server may suffer:
 * restarts and stops. Torn down by destroy().
 */
const PG_BIN = process.env.EVTUI_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

/** pg_ctl is there, and (initdb refuses root) a postgres user to run it as when this is root. */
export function privateServerAvailable(): boolean {
  if (!fs.existsSync(path.join(PG_BIN, 'pg_ctl'))) return false;
  if (!asRoot) return true;
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
    return fs.existsSync('/usr/sbin/runuser') || fs.existsSync('/sbin/runuser');
  } catch {
    return false;
  }
}

function run(tool: string, args: string[]): void {
  const bin = path.join(PG_BIN, tool);
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'ignore' });
  else execFileSync(bin, args, { stdio: 'ignore' });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface PrivateServer {
  port: number;
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  query<T>(database: string, sql: string, params?: unknown[]): Promise<T[]>;
  start(): void;
  stop(): void;
  restart(): void;
  destroy(): void;
}

export async function startPrivateServer(): Promise<PrivateServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-pg-'));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (...args: string[]) => run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', ...args]);
  ctl('-o', opts, 'start');
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const query = async <T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new pg.Client({ connectionString: url(database) });
    c.on('error', () => {});
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
  return {
    port,
    url,
    query,
    async createDatabase(name) {
      await query('postgres', `create database ${name}`);
      return url(name);
    },
    start: () => ctl('-o', opts, 'start'),
    stop: () => ctl('-m', 'fast', 'stop'),
    restart: () => ctl('-m', 'fast', '-o', opts, 'restart'),
    destroy: () => {
      try {
        ctl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
