import os from 'node:os';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';

/** Where the data lives, resolved from flags, then the environment, then `.env`. */
export interface DbTarget {
  databaseUrl?: string;
  dataDir?: string;
  memory?: boolean;
}

export interface GlobalFlags {
  databaseUrl?: string;
  dataDir?: string;
  memory?: boolean;
}

/** What `evtui` with no command passes from its flags to the interactive UI. */
export interface UiOptions extends GlobalFlags {
  demo?: boolean;
  debug?: boolean;
}

let dotenvLoaded = false;
function env(): NodeJS.ProcessEnv {
  if (!dotenvLoaded) {
    // .env in the working directory, never overriding the real environment.
    loadDotenv({ quiet: true });
    dotenvLoaded = true;
  }
  return process.env;
}

export function defaultDataDir(e: NodeJS.ProcessEnv = env()): string {
  const base = e.XDG_DATA_HOME && e.XDG_DATA_HOME.trim() ? e.XDG_DATA_HOME : path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'evtui');
}

export function resolveTarget(flags: GlobalFlags): DbTarget {
  const e = env();
  if (flags.memory) return { memory: true };
  if (flags.databaseUrl) return { databaseUrl: flags.databaseUrl };
  if (flags.dataDir) return { dataDir: path.resolve(flags.dataDir) };
  if (e.DATABASE_URL && e.DATABASE_URL.trim()) return { databaseUrl: e.DATABASE_URL.trim() };
  if (e.EVTUI_DATA_DIR && e.EVTUI_DATA_DIR.trim()) return { dataDir: path.resolve(e.EVTUI_DATA_DIR.trim()) };
  return { dataDir: defaultDataDir(e) };
}

export function defaultSignupEvent(): string {
  const v = env().EVTUI_SIGNUP_EVENT;
  return v && v.trim() ? v.trim() : 'signup';
}
