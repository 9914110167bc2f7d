import { createContext, useContext } from 'react';
import type { Db } from '../db/types.js';
import type { DataSummary, MetricInput } from '../metrics/types.js';
import type { AppAction, AppState } from './app-state.js';

/** Read-only things every screen may look at. */
export interface UiState {
  db: Db;
  app: AppState;
  input: MetricInput;
  summary: DataSummary | null;
  signupEvent: string;
  columns: number;
  /** Rows below the header, for the screen and its footer. */
  bodyRows: number;
  exportDir: string;
}

/** What screens may ask the switchboard to do (separate from the state, so callbacks stay stable). */
export interface UiActions {
  dispatch: (a: AppAction) => void;
  quit: () => void;
}

export const UiStateContext = createContext<UiState | null>(null);
export const UiActionsContext = createContext<UiActions | null>(null);

export function useUi(): UiState {
  const v = useContext(UiStateContext);
  if (!v) throw new Error('useUi outside <App>');
  return v;
}

export function useUiActions(): UiActions {
  const v = useContext(UiActionsContext);
  if (!v) throw new Error('useUiActions outside <App>');
  return v;
}
