/**
 * Every key evtui answers to, as data: a command name, the keys that trigger
 * it, and the words the footer and the `?` overlay show. Screens never compare
 * raw key codes; they ask match.ts which of *their* commands a key press is.
 */
export interface CommandDef {
  /** Key specs: a literal character, or up/down/left/right/pageup/pagedown/home/end/return/escape/tab/backspace, ctrl+x, meta+return. */
  readonly keys: readonly string[];
  /** How the footer writes the key (defaults to the first key). */
  readonly show?: string;
  /** One or two words for the footer. */
  readonly label: string;
  /** The `?` overlay's sentence. */
  readonly help: string;
  /** The `?` overlay's heading: a key appears once under each heading; a dialog's own keys sit under the dialog's name. */
  readonly group: 'Move' | 'Metrics' | 'Parameters' | 'Churn users' | 'Load' | 'SQL console' | 'App' | 'Export dialog' | 'Dialogs' | 'Filters and funnel steps';
}

export const COMMANDS = {
  'nav.up': { keys: ['up', 'k'], show: '↑↓/jk', label: 'move', help: 'move the cursor up (down: ↓ or j)', group: 'Move' },
  'nav.down': { keys: ['down', 'j'], show: '↓/j', label: 'down', help: 'move the cursor down', group: 'Move' },
  'nav.open': { keys: ['return'], show: 'Enter', label: 'open', help: 'open the metric, segment or user under the cursor', group: 'Move' },
  'nav.back': { keys: ['escape'], show: 'Esc', label: 'back', help: 'go back one level (the cursor is kept)', group: 'Move' },
  'scroll.pageUp': { keys: ['pageup'], show: 'PgUp/PgDn', label: 'scroll', help: 'scroll the result a page up (down: PgDn)', group: 'Move' },
  'scroll.pageDown': { keys: ['pagedown'], show: 'PgDn', label: 'page down', help: 'scroll the result a page down', group: 'Move' },
  'scroll.top': { keys: ['g', 'home'], show: 'g/G', label: 'top/end', help: 'jump to the top of the result (G: the end)', group: 'Move' },
  'scroll.bottom': { keys: ['G', 'end'], show: 'G', label: 'end', help: 'jump to the end of the result', group: 'Move' },
  'page.prev': { keys: ['pageup', 'left'], show: 'PgUp/PgDn', label: 'page', help: 'previous page of users (next: PgDn or →)', group: 'Churn users' },
  'page.next': { keys: ['pagedown', 'right'], show: 'PgDn', label: 'next page', help: 'next page of users', group: 'Churn users' },
  'pan.left': { keys: ['left'], show: '←→', label: 'periods', help: 'cohort matrix: show earlier periods (→: later ones) when it is wider than the pane', group: 'Metrics' },
  'pan.right': { keys: ['right'], show: '→', label: 'later periods', help: 'cohort matrix: show later periods', group: 'Metrics' },
  'metric.rerun': { keys: ['r'], label: 'rerun', help: 'run the current result again and recount the header: events loaded from another terminal show (also: retry after an error)', group: 'Metrics' },
  'metric.sql': { keys: ['s'], label: 'sql', help: 'show the SQL file and the bound parameters behind the result', group: 'Metrics' },
  'metric.export': { keys: ['e'], label: 'export', help: 'export the result to CSV or JSON, with its SQL file, parameters and known_at', group: 'Metrics' },
  'params.window': { keys: ['w'], label: 'window', help: 'date window: last 7/14/30/90 days of data, all data, or custom dates', group: 'Parameters' },
  'params.tz': { keys: ['z'], label: 'tz', help: 'reporting time zone (IANA name, e.g. Europe/Paris)', group: 'Parameters' },
  'params.asOf': { keys: ['a'], label: 'as-of', help: 'as-of date: nothing after its end is seen', group: 'Parameters' },
  'params.granularity': { keys: ['c'], label: 'granularity', help: 'cohort granularity: day, week, month (cohort_retention)', group: 'Parameters' },
  'params.windowDays': { keys: ['d'], label: 'window days', help: 'activation window in days (funnel_activity)', group: 'Parameters' },
  'params.filter': { keys: ['f'], label: 'filter', help: 'filters: a segment (user property = value) or where (event property = value), picked from the data with counts; several hold together', group: 'Parameters' },
  'params.breakdown': { keys: ['b'], label: 'breakdown', help: 'break the result down by a user property (one group of rows per value), or none', group: 'Parameters' },
  'params.steps': { keys: ['p'], label: 'steps', help: 'funnel: pick its steps, exclusions and window from the event names in the data', group: 'Parameters' },
  'app.load': { keys: ['l'], label: 'load', help: 'load a shipped fixture or a JSONL file, with live progress', group: 'Load' },
  'app.console': { keys: [':'], label: 'sql console', help: 'open the read-only SQL console', group: 'SQL console' },
  'app.help': { keys: ['?'], label: 'help', help: 'show or hide this list of keys', group: 'App' },
  'app.quit': { keys: ['q', 'ctrl+c'], show: 'q', label: 'quit', help: 'quit (Ctrl-C too, from any screen)', group: 'App' },
  'app.interrupt': { keys: ['ctrl+c'], show: 'Ctrl-C', label: 'quit', help: 'quit, from any screen', group: 'App' },
  'app.confirm': { keys: ['return', 'y'], show: 'Enter', label: 'yes', help: 'accept (y too)', group: 'Dialogs' },
  'app.cancel': { keys: ['escape'], show: 'Esc', label: 'cancel', help: 'cancel, close the dialog', group: 'Dialogs' },
  'export.csv': { keys: ['c'], label: 'CSV', help: 'write CSV (+ a .meta.json sidecar)', group: 'Export dialog' },
  'export.json': { keys: ['j'], label: 'JSON', help: 'write one JSON object {metric, sql_file, params, known_at, rows}', group: 'Export dialog' },
  'load.cancel': { keys: ['escape', 'ctrl+c'], show: 'Esc', label: 'cancel load', help: 'stop a running load (batches already written stay; a rerun completes it)', group: 'Load' },
  'console.run': { keys: ['ctrl+j', 'meta+return'], show: 'Enter after ;  Ctrl-J', label: 'run', help: 'run: Enter when the statement ends with ";", or Ctrl-J / Alt-Enter at any time', group: 'SQL console' },
  'console.newline': { keys: ['return'], show: 'Enter', label: 'newline', help: 'new line (runs when the statement ends with ";")', group: 'SQL console' },
  'console.historyPrev': { keys: ['up'], show: '↑↓', label: 'history', help: 'previous statement from history (↓: next)', group: 'SQL console' },
  'console.historyNext': { keys: ['down'], show: '↓', label: 'history', help: 'next statement from history', group: 'SQL console' },
  'console.cancel': { keys: ['ctrl+c'], show: 'Ctrl-C', label: 'cancel query', help: 'cancel the running query on the server (the connection stays usable)', group: 'SQL console' },
  'console.clear': { keys: ['ctrl+u'], show: 'Ctrl-U', label: 'clear', help: 'clear the input', group: 'SQL console' },
  'console.export': { keys: ['ctrl+e'], show: 'Ctrl-E', label: 'export', help: 'export the result to CSV or JSON, with the statement and when it ran', group: 'SQL console' },
  'console.leave': { keys: ['escape'], show: 'Esc', label: 'leave', help: 'leave the console (history is kept)', group: 'SQL console' },
  'edit.remove': { keys: ['x', 'backspace'], show: 'x', label: 'remove', help: 'remove the filter, step or exclusion under the cursor', group: 'Filters and funnel steps' },
  'edit.moveUp': { keys: ['['], show: '[ ]', label: 'reorder', help: 'move the step under the cursor up (]: down)', group: 'Filters and funnel steps' },
  'edit.moveDown': { keys: [']'], label: 'move down', help: 'move the step under the cursor down', group: 'Filters and funnel steps' },
  'edit.less': { keys: ['left', '-'], show: '←→', label: 'days', help: 'on the window: one day less (→ or +: one more; digits type it)', group: 'Filters and funnel steps' },
  'edit.more': { keys: ['right', '+'], show: '→', label: 'more days', help: 'on the window: one day more', group: 'Filters and funnel steps' },
  'text.delete': { keys: ['backspace'], show: '⌫', label: 'delete', help: 'delete the last character', group: 'Dialogs' },
  'text.next': { keys: ['tab'], show: 'Tab', label: 'next field', help: 'next field (custom dates)', group: 'Dialogs' },
} as const satisfies Record<string, CommandDef>;

export type CommandId = keyof typeof COMMANDS;

export function command(id: CommandId): CommandDef {
  return COMMANDS[id];
}

/** The second half of a pair (↑ and ↓): the first one's label covers both in the footer and the overlay. */
export const PAIRED: ReadonlySet<CommandId> = new Set<CommandId>(['nav.down', 'scroll.pageDown', 'scroll.bottom', 'page.next', 'pan.right', 'console.historyNext', 'edit.moveDown', 'edit.more']);

/** Commands the `?` overlay leaves out because another of its lines already says them (q's line names Ctrl-C). */
export const HELP_COVERED: ReadonlySet<CommandId> = new Set<CommandId>(['app.interrupt']);
