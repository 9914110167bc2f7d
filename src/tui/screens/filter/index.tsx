import { useEffect, useReducer } from 'react';
import { useUi, useUiActions } from '../../context.js';
import { useEventProperties, useUserProperties } from '../../services/properties.js';
import { taskValue } from '../../services/task.js';
import { NO_FILTERS, appliedFilters, filterReducer, initialFilterState, listItems, valuesOf, withFilter, withoutFilter } from './state.js';
import { filterCommands, useFilterKeys } from './use-keys.js';
import { FilterView } from './view.js';

/** `f`: the filters that apply, and segments and wheres added from the property keys and values in the data. */
export function FilterScreen({ height }: { height: number }) {
  const ui = useUi();
  const { dispatch: appDispatch, quit } = useUiActions();
  const [s, dispatch] = useReducer(filterReducer, undefined, initialFilterState);
  const params = ui.app.params;
  const users = useUserProperties(ui.db, ui.input, ui.app.dataVersion);
  const events = useEventProperties(ui.db, ui.input, ui.app.dataVersion);
  const task = s.kind === 'segment' ? users : events;
  const data = taskValue(task);
  const filters = appliedFilters(params);
  const items = listItems(filters);
  const keys = data?.keys ?? [];
  const values = valuesOf(keys, s.key);
  const count = s.phase === 'list' ? items.length : s.phase === 'keys' ? keys.length : values.length;
  useEffect(() => dispatch({ type: 'clamp', count: items.length }), [items.length]);

  useFilterKeys({
    phase: s.phase,
    count,
    dispatch,
    onQuit: quit,
    onClose: () => appDispatch({ type: 'overlay', overlay: null }),
    onRemove: () => {
      const it = items[s.cursor.list];
      if (it?.type === 'filter') appDispatch({ type: 'params', patch: withoutFilter(params, it.filter), keepOverlay: true });
    },
    onEnter: () => {
      if (s.phase === 'list') {
        const it = items[s.cursor.list];
        if (it?.type === 'add') return dispatch({ type: 'add', kind: it.kind });
        if (it?.type === 'clear') return appDispatch({ type: 'params', patch: NO_FILTERS });
        return;
      }
      if (s.phase === 'keys') {
        const k = keys[s.cursor.keys];
        if (k) dispatch({ type: 'key', key: k.key });
        return;
      }
      const v = values[s.cursor.values];
      if (v && s.key !== null) appDispatch({ type: 'params', patch: withFilter(params, { kind: s.kind, key: s.key, value: v.value }) });
    },
  });
  return <FilterView state={s} items={items} data={data} task={task} width={ui.columns} height={height} commands={filterCommands(s.phase)} />;
}
