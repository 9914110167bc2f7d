import { useEffect } from 'react';
import { eventNames, eventProperties, userProperties, type EventNameList, type PropertyList } from '../../metrics/properties.js';
import type { Db } from '../../db/types.js';
import type { MetricInput } from '../../metrics/types.js';
import { useTask } from './task.js';

/**
 * What the pickers offer, read from the data (src/metrics/properties.ts) off
 * the UI's thread, for the window and cuts of the current parameters; read
 * again after a load.
 */
function useRead<T>(db: Db, input: MetricInput, dataVersion: number, read: (db: Db, input: MetricInput) => Promise<T>, enabled = true) {
  const { task, start } = useTask<T>();
  const key = JSON.stringify([input.from, input.to, input.as_of, input.tz, input.known_at, input.signup_event]);
  useEffect(() => {
    if (enabled) start(() => read(db, input));
    // input is captured through key
  }, [db, key, dataVersion, start, read, enabled]);
  return task;
}

export const useUserProperties = (db: Db, input: MetricInput, dataVersion: number, enabled = true) =>
  useRead<PropertyList>(db, input, dataVersion, userProperties, enabled);

export const useEventProperties = (db: Db, input: MetricInput, dataVersion: number, enabled = true) =>
  useRead<PropertyList>(db, input, dataVersion, eventProperties, enabled);

export const useEventNames = (db: Db, input: MetricInput, dataVersion: number) => useRead<EventNameList>(db, input, dataVersion, eventNames);
