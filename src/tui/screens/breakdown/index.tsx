import { useReducer } from 'react';
import { useUi, useUiActions } from '../../context.js';
import { useUserProperties } from '../../services/properties.js';
import { taskValue } from '../../services/task.js';
import { breakdownChoices, breakdownReducer, cursorAt } from './state.js';
import { useBreakdownKeys } from './use-keys.js';
import { BreakdownView } from './view.js';

/** `b`: break the results down by a user property from the data, or by none. */
export function BreakdownScreen({ height }: { height: number }) {
  const ui = useUi();
  const { dispatch: appDispatch, quit } = useUiActions();
  const [s, dispatch] = useReducer(breakdownReducer, { cursor: null });
  const task = useUserProperties(ui.db, ui.input, ui.app.dataVersion);
  const data = taskValue(task);
  const choices = breakdownChoices(data?.keys ?? []);
  const current = ui.app.params.by;
  const cursor = cursorAt(s, choices, current);
  useBreakdownKeys({
    count: choices.length,
    cursor,
    dispatch,
    onQuit: quit,
    onCancel: () => appDispatch({ type: 'overlay', overlay: null }),
    onEnter: () => {
      const k = choices[cursor];
      if (k !== undefined) appDispatch({ type: 'params', patch: { by: k?.key } });
    },
  });
  return <BreakdownView choices={choices} current={current} cursor={cursor} data={data} task={task} width={ui.columns} height={height} />;
}
