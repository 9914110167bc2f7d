import { useKeys } from '../../keys/use-keys.js';
import type { MetricResult } from '../../../metrics/types.js';
import type { CommandId } from '../../keys/commands.js';
import { GLOBAL_COMMANDS, runGlobal } from '../../keys/global.js';
import { matchCommand } from '../../keys/match.js';
import { useUiActions } from '../../context.js';
import type { ChurnAction, Level } from './state.js';

export function churnCommands(level: Level, result: MetricResult | undefined): CommandId[] {
  const ids: CommandId[] = ['nav.up', 'nav.down'];
  if (level !== 'event') ids.push('nav.open');
  ids.push('nav.back', 'params.filter');
  if (level === 'users') ids.push('page.prev', 'page.next');
  if (result) ids.push('metric.export', 'metric.sql');
  ids.push('metric.rerun');
  if (level !== 'users') ids.push('scroll.pageUp', 'scroll.pageDown', 'scroll.top', 'scroll.bottom');
  return [...ids, ...GLOBAL_COMMANDS];
}

export function useChurnKeys(opts: {
  active: boolean;
  level: Level;
  result: MetricResult | undefined;
  /** Rows at this level (segments, this page's users, the timeline's events) for cursor bounds. */
  count: number;
  page: number;
  maxScroll: number;
  pageSize: number;
  /** Users in the open segment (the churn count), for paging bounds. */
  total: number;
  dispatch: (a: ChurnAction) => void;
  onOpen: () => void;
  onLeave: () => void;
}) {
  const actions = useUiActions();
  const { dispatch } = opts;
  useKeys(
    (input, key) => {
      const id = matchCommand(churnCommands(opts.level, opts.result), input, key);
      if (!id) return;
      switch (id) {
        case 'nav.up':
          if (opts.level === 'event') return dispatch({ type: 'scroll', to: -1, max: opts.maxScroll });
          return dispatch({ type: 'move', delta: -1, count: opts.count });
        case 'nav.down':
          if (opts.level === 'event') return dispatch({ type: 'scroll', to: 1, max: opts.maxScroll });
          return dispatch({ type: 'move', delta: 1, count: opts.count });
        case 'nav.open': return opts.onOpen();
        case 'nav.back': return opts.level === 'segments' ? opts.onLeave() : dispatch({ type: 'back' });
        case 'page.prev': return dispatch({ type: 'page', delta: -1, pageSize: opts.pageSize, total: opts.total });
        case 'page.next': return dispatch({ type: 'page', delta: 1, pageSize: opts.pageSize, total: opts.total });
        // A timeline's cursor moves by pages and to its ends; the other levels scroll.
        case 'scroll.pageUp': return dispatch(opts.level === 'timeline' ? { type: 'move', delta: -opts.page, count: opts.count } : { type: 'scroll', to: -opts.page, max: opts.maxScroll });
        case 'scroll.pageDown': return dispatch(opts.level === 'timeline' ? { type: 'move', delta: opts.page, count: opts.count } : { type: 'scroll', to: opts.page, max: opts.maxScroll });
        case 'scroll.top': return dispatch(opts.level === 'timeline' ? { type: 'move', delta: -opts.count, count: opts.count } : { type: 'scroll', to: 'top', max: opts.maxScroll });
        case 'scroll.bottom': return dispatch(opts.level === 'timeline' ? { type: 'move', delta: opts.count, count: opts.count } : { type: 'scroll', to: 'bottom', max: opts.maxScroll });
        // The data may have changed under the UI (a load served to another process): the header recounts too.
        case 'metric.rerun': return actions.dispatch({ type: 'dataChanged' });
        case 'metric.sql': return opts.result && actions.dispatch({ type: 'overlay', overlay: { kind: 'sql', result: opts.result } });
        case 'metric.export': return opts.result && actions.dispatch({ type: 'overlay', overlay: { kind: 'export', result: opts.result } });
        default: runGlobal(id, actions);
      }
    },
    { isActive: opts.active },
  );
}
