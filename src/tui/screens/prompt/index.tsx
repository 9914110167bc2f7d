import { useReducer } from 'react';
import type { PromptField } from '../../app-state.js';
import { useUi, useUiActions } from '../../context.js';
import { currentValue, promptReducer, submitPrompt } from './state.js';
import { usePromptKeys } from './use-keys.js';
import { PromptView } from './view.js';

export function PromptScreen({ field, height }: { field: PromptField; height: number }) {
  const ui = useUi();
  const { dispatch: appDispatch, quit } = useUiActions();
  const [s, dispatch] = useReducer(promptReducer, { value: currentValue(field, ui.app.params), error: null, pristine: true });
  usePromptKeys({
    dispatch,
    onQuit: quit,
    onCancel: () => appDispatch({ type: 'overlay', overlay: null }),
    onEnter: () => {
      const r = submitPrompt(field, s.value);
      if ('error' in r) dispatch({ type: 'error', message: r.error });
      else appDispatch({ type: 'params', patch: r.patch });
    },
  });
  return <PromptView field={field} state={s} width={ui.columns} height={height} />;
}
