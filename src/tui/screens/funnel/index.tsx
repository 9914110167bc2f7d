import { useReducer } from 'react';
import { useUi, useUiActions } from '../../context.js';
import { useEventNames } from '../../services/properties.js';
import { taskValue } from '../../services/task.js';
import { funnelItems, funnelReducer, initialFunnelState, submitFunnel } from './state.js';
import { funnelCommands, useFunnelKeys } from './use-keys.js';
import { FunnelView } from './view.js';

/** The funnel builder (`p`, or opening `funnel` without steps): steps and exclusions from the event names present. */
export function FunnelScreen({ height }: { height: number }) {
  const ui = useUi();
  const { dispatch: appDispatch, quit } = useUiActions();
  const [s, dispatch] = useReducer(funnelReducer, ui.app.params, initialFunnelState);
  const task = useEventNames(ui.db, ui.input, ui.app.dataVersion);
  const list = taskValue(task);
  const names = list?.names ?? [];
  const item = funnelItems(s)[s.cursor];
  useFunnelKeys({
    phase: s.phase,
    item,
    names: names.length,
    dispatch,
    onQuit: quit,
    onCancel: () => appDispatch({ type: 'overlay', overlay: null }),
    onEnter: () => {
      if (s.phase === 'pick') {
        const e = names[s.pickCursor];
        if (e) dispatch({ type: 'picked', name: e.name });
        return;
      }
      if (item?.type === 'addStep') return dispatch({ type: 'pick', what: 'step' });
      if (item?.type === 'addExclude') return dispatch({ type: 'pick', what: 'exclude' });
      if (item?.type === 'run' || item?.type === 'window') {
        const r = submitFunnel(s);
        if ('error' in r) return dispatch({ type: 'error', message: r.error });
        appDispatch({ type: 'params', patch: r.apply });
      }
    },
  });
  return <FunnelView state={s} names={names} capped={list?.capped ? list.read : null} task={task} width={ui.columns} height={height} commands={funnelCommands(s.phase, item)} />;
}
