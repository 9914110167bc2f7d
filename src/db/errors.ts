import { UserError } from '../errors.js';

/**
 * Turns driver errors into one line an analyst can act on, naming the host and
 * database but never the password.
 */
export interface Where {
  host: string;
  port: string;
  database: string;
  user: string;
}

export function describeUrl(url: string): Where {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError('the database URL is not valid: expected postgres://user[:password]@host[:port]/database', 1, 'bad_url');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new UserError(`the database URL must start with postgres:// (got ${u.protocol}//)`, 1, 'bad_url');
  }
  return {
    host: decodeURIComponent(u.hostname) || u.searchParams.get('host') || 'localhost',
    port: u.port || '5432',
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres',
    user: decodeURIComponent(u.username) || process.env.PGUSER || 'postgres',
  };
}

/** How a server is named on screen and in messages: host:port/database, never the user or password. */
export function locationText(w: Where): string {
  return `${w.host}:${w.port}/${w.database}`;
}

export function connectionError(err: unknown, w: Where): UserError {
  if (err instanceof UserError) return err;
  const e = err as { code?: string; message?: string };
  const at = `PostgreSQL at ${w.host}:${w.port}, database "${w.database}"`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return new UserError(`cannot connect to ${at}: connection refused (is the server running?)`, 1, 'conn_refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(`cannot connect to ${at}: host "${w.host}" not found`, 1, 'conn_host');
    case 'ETIMEDOUT':
      return new UserError(`cannot connect to ${at}: timed out`, 1, 'conn_timeout');
    case '28P01':
    case '28000':
      return new UserError(`cannot connect to ${at}: authentication failed for user "${w.user}"`, 1, 'conn_auth');
    case '3D000':
      return new UserError(`cannot connect to ${at}: database "${w.database}" does not exist`, 1, 'conn_nodb');
    default:
      return new UserError(`cannot connect to ${at}: ${(e.message ?? String(err)).replace(/postgres(ql)?:\/\/\S+/g, '<url>')}`, 1, 'conn_failed');
  }
}

/** PostgreSQL's "canceling statement due to user request". */
export function isCancel(err: unknown): boolean {
  return (err as { code?: string }).code === '57014' && /user request/.test((err as Error).message ?? '');
}

/** The server asks for a password and neither the URL, PGPASSWORD nor ~/.pgpass has one. */
export function missingPassword(w: Where): UserError {
  return new UserError(
    `cannot connect to PostgreSQL at ${w.host}:${w.port}, database "${w.database}": the server asks user "${w.user}" for a password and none was given (put it in the URL, PGPASSWORD or ~/.pgpass)`,
    1,
    'conn_auth',
  );
}

/**
 * A connection that was open and is gone: the server restarted, an
 * administrator or pg_terminate_backend ended the session, the network cut.
 */
export function isConnectionLoss(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  const msg = (err as Error).message ?? '';
  return (
    ['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03'].includes(code) ||
    code.startsWith('08') ||
    /Connection terminated|terminating connection|Client has encountered a connection error|Connection closed/i.test(msg)
  );
}

export function connectionLost(err: unknown, w: Where): UserError {
  const why = ((err as Error).message ?? String(err)).replace(/postgres(ql)?:\/\/\S+/g, '<url>');
  return new UserError(`lost the connection to PostgreSQL at ${w.host}:${w.port}, database "${w.database}" (${why}); run it again once the server is back`, 1, 'conn_lost');
}
