import type { UiActions } from '../context.js';
import type { CommandId } from './commands.js';

/** Keys that mean the same on every main screen: they open an overlay or another screen. */
export const GLOBAL_COMMANDS: readonly CommandId[] = ['params.window', 'params.tz', 'params.asOf', 'app.load', 'app.console', 'app.help', 'app.quit'];

export function runGlobal(id: CommandId, { dispatch, quit }: UiActions): boolean {
  switch (id) {
    case 'params.window': dispatch({ type: 'overlay', overlay: { kind: 'window' } }); return true;
    case 'params.tz': dispatch({ type: 'overlay', overlay: { kind: 'prompt', field: 'tz' } }); return true;
    case 'params.asOf': dispatch({ type: 'overlay', overlay: { kind: 'prompt', field: 'as_of' } }); return true;
    case 'params.windowDays': dispatch({ type: 'overlay', overlay: { kind: 'prompt', field: 'window_days' } }); return true;
    case 'params.filter': dispatch({ type: 'overlay', overlay: { kind: 'filter' } }); return true;
    case 'params.breakdown': dispatch({ type: 'overlay', overlay: { kind: 'breakdown' } }); return true;
    case 'params.steps': dispatch({ type: 'overlay', overlay: { kind: 'funnel' } }); return true;
    case 'app.load': dispatch({ type: 'go', base: 'load' }); return true;
    case 'app.console': dispatch({ type: 'go', base: 'console' }); return true;
    case 'app.help': dispatch({ type: 'overlay', overlay: { kind: 'help' } }); return true;
    case 'app.quit': quit(); return true;
    default: return false;
  }
}
