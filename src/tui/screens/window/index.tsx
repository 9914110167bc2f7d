import { useReducer } from 'react';
import { useUi, useUiActions } from '../../context.js';
import { presetWindow } from '../../params.js';
import { WINDOW_ITEMS, initialWindowState, submitCustom, windowReducer } from './state.js';
import { useWindowKeys, windowCommands } from './use-keys.js';
import { WindowView } from './view.js';

export function WindowScreen({ height }: { height: number }) {
  const ui = useUi();
  const { dispatch: appDispatch, quit } = useUiActions();
  const tz = ui.app.params.tz;
  const [s, dispatch] = useReducer(windowReducer, undefined, () => initialWindowState(ui.app.params.from, ui.app.params.to));
  const cancel = () => appDispatch({ type: 'overlay', overlay: null });
  useWindowKeys({
    phase: s.phase,
    dispatch,
    onCancel: cancel,
    onQuit: quit,
    onEnter: () => {
      if (s.phase === 'pick') {
        const item = WINDOW_ITEMS[s.cursor]!;
        if (item === 'custom') return dispatch({ type: 'custom' });
        const w = presetWindow(item, ui.summary, tz);
        if (!w) return dispatch({ type: 'error', message: 'there are no events yet: load some first (l)' });
        return appDispatch({ type: 'params', patch: w });
      }
      const r = submitCustom(s);
      if ('apply' in r) appDispatch({ type: 'params', patch: r.apply });
      else dispatch(r.next);
    },
  });
  const preview = (i: number) => {
    const item = WINDOW_ITEMS[i]!;
    if (item === 'custom') return 'type from and to';
    const w = presetWindow(item, ui.summary, tz);
    return w ? `${w.from} → ${w.to}` : '';
  };
  return <WindowView state={s} preview={preview} width={ui.columns} height={height} commands={windowCommands(s.phase)} />;
}
