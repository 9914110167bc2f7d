/**
 * Errors made in one place. A UserError is something the user can act on: the
 * CLI prints its message as one line (no stack unless --debug) and exits with
 * its code. Anything else is a bug and is reported as such. A command
 * stopped by Ctrl-C exits 130 (128 + SIGINT), as shells report it.
 */
export const EXIT = { ok: 0, fatal: 1, usage: 2, partial: 3, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.fatal,
    readonly code = 'user_error',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class UsageError extends UserError {
  constructor(message: string) {
    super(message, EXIT.usage, 'usage');
    this.name = 'UsageError';
  }
}

/** Remove any password from a connection string (postgres://u:secret@h → postgres://u:***@h). */
export function redactUrl(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}

export function errorMessage(err: unknown): string {
  return redactUrl(err instanceof Error ? err.message : String(err));
}
