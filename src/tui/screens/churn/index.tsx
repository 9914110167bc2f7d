import { useEffect, useMemo, useReducer } from 'react';
import { getMetric } from '../../../metrics/catalogue.js';
import { runMetric } from '../../../metrics/run.js';
import { CHURN_STATUSES, type ChurnStatus, type MetricResult } from '../../../metrics/types.js';
import { useUi, useUiActions } from '../../context.js';
import { displayRows } from '../../render/format.js';
import { SEGMENT_HEAD_LINES, eventLines, segmentLines, timelineLines } from '../../render/shapes.js';
import { TABLE_HEAD_LINES, compactTable } from '../../render/table.js';
import { narrowingText, paneChrome } from '../../components/result-pane.js';
import { maxOffset } from '../../components/scroll-lines.js';
import { useTask, taskValue } from '../../services/task.js';
import { churnReducer, initialChurnState } from './state.js';
import { churnCommands, useChurnKeys } from './use-keys.js';
import { ChurnView } from './view.js';

/** Wires the churn browser: one metric run per level (churn, churn_users, user_timeline). */
export function ChurnScreen({ active, height }: { active: boolean; height: number }) {
  const ui = useUi();
  const { dispatch: appDispatch } = useUiActions();
  const [s, dispatch] = useReducer(churnReducer, initialChurnState);
  const segments = useTask<MetricResult>();
  const users = useTask<MetricResult>();
  const timeline = useTask<MetricResult>();
  // The browser walks one list of statuses down to users: a breakdown (b) applies on the metrics screen, not here.
  const { by: _by, ...input } = ui.input;
  const inputKey = JSON.stringify(input);
  const narrowing = narrowingText(getMetric('churn'), input);
  const bodyH = Math.max(1, height - 1 - paneChrome(narrowing));
  const pageSize = Math.max(3, bodyH - TABLE_HEAD_LINES - 1);
  const { db } = ui;
  const startSegments = segments.start;
  const startUsers = users.start;
  const startTimeline = timeline.start;

  useEffect(() => {
    startSegments((signal) => runMetric(db, 'churn', input, { signal }));
  }, [inputKey, s.runNonce, ui.app.dataVersion, startSegments, db]);
  useEffect(() => {
    const status = s.status;
    if (!status) return;
    startUsers((signal) => runMetric(db, 'churn_users', { ...input, status, limit: pageSize, offset: s.offset }, { signal }));
  }, [s.status, s.offset, pageSize, inputKey, s.runNonce, ui.app.dataVersion, startUsers, db]);
  useEffect(() => {
    const userId = s.userId;
    if (!userId) return;
    startTimeline((signal) => runMetric(db, 'user_timeline', { ...input, user_id: userId }, { signal }));
  }, [s.userId, inputKey, s.runNonce, ui.app.dataVersion, startTimeline, db]);

  const level = s.level;
  const task = level === 'segments' ? segments.task : level === 'users' ? users.task : timeline.task;
  const eventRows = taskValue(timeline.task)?.rows ?? [];
  const shown = taskValue(task);
  const segRows = taskValue(segments.task)?.rows ?? [];
  const total = Number(segRows.find((r) => r.status === s.status)?.users ?? 0);
  const userRows = taskValue(users.task)?.rows ?? [];
  const def = shown ? getMetric(shown.metric) : undefined;
  const width = ui.columns;

  const lines = useMemo(() => {
    if (!shown) return [];
    if (level === 'segments') return segmentLines(shown.rows, width);
    // The dates stay whole; a narrow terminal clips a header such as days_inactive instead.
    if (level === 'users') return shown.rows.length ? compactTable(displayRows(def, shown), shown.columns, width, ['first_seen', 'last_seen']) : ['(no users in this segment)'];
    if (level === 'timeline') return timelineLines(shown, width);
    const event = shown.rows[s.eventCursor];
    return event ? eventLines(event, shown.columns, width) : [];
  }, [shown, level, width, def, s.eventCursor]);

  const count = level === 'segments' ? segRows.length : level === 'users' ? userRows.length : eventRows.length;
  const highlight =
    level === 'segments'
      ? SEGMENT_HEAD_LINES + s.segCursor
      : level === 'users' && userRows.length
        ? TABLE_HEAD_LINES + s.userCursor
        : level === 'timeline' && eventRows.length
          ? TABLE_HEAD_LINES + s.eventCursor
          : undefined;
  useChurnKeys({
    active,
    level,
    result: shown,
    count,
    page: bodyH,
    maxScroll: maxOffset(lines.length, bodyH),
    pageSize,
    total,
    dispatch,
    onOpen: () => {
      if (level === 'segments') {
        const status = segRows[s.segCursor]?.status ?? CHURN_STATUSES[s.segCursor];
        if (status) dispatch({ type: 'openSegment', status: status as ChurnStatus });
      } else if (level === 'users') {
        const u = userRows[s.userCursor]?.user_id;
        if (u !== undefined && u !== null) dispatch({ type: 'openUser', userId: String(u) });
      } else if (level === 'timeline' && eventRows[s.eventCursor]) {
        dispatch({ type: 'openEvent' });
      }
    },
    onLeave: () => appDispatch({ type: 'go', base: 'metrics' }),
  });

  const title =
    level === 'segments'
      ? 'churn'
      : level === 'users'
        ? `churn › ${s.status}`
        : level === 'timeline'
          ? `churn › ${s.status} › user ${s.userId}`
          : `churn › ${s.status} › user ${s.userId} › event ${s.eventCursor + 1}`;
  const extra =
    level === 'users' && shown
      ? // From the page on screen (a newer page may still be running).
        `users ${total && userRows.length ? shown.params.offset + 1 : 0}–${Math.min(shown.params.offset + userRows.length, total)} of ${total}`
      : level === 'timeline' && shown
        ? `${shown.rows.length} events`
        : level === 'event' && shown
          ? `event ${s.eventCursor + 1} of ${shown.rows.length}`
          : undefined;
  return (
    <ChurnView
      title={title}
      def={def}
      task={task}
      shown={shown}
      lines={lines}
      scroll={s.scroll}
      highlight={highlight}
      extra={extra}
      width={width}
      height={height}
      commands={churnCommands(level, shown)}
      flash={ui.app.flash}
      narrowing={narrowing}
    />
  );
}
