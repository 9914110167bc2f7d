import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { Footer } from './footer.js';
import { CursorLine } from './cursor-line.js';
import { followOffset } from './scroll-lines.js';
import { Spinner } from './spinner.js';
import type { CommandId } from '../keys/commands.js';
import type { Task } from '../services/task.js';

/** One line of a picker: its words, and a count or note drawn dim at the right. */
export interface PickItem {
  label: string;
  detail?: string;
}

/** Rows a picker spends besides its items: title, hint, status, footer. */
export const PICK_CHROME = 4;

/** How many items a picker of `height` rows shows at once. */
export function pickRows(height: number): number {
  return Math.max(1, height - PICK_CHROME);
}

/**
 * A titled list with a cursor (inverse and ▸), scrolled to keep the cursor in
 * view, a hint line, the loading or error status of the data behind it, and
 * the dialog's keys. Every picker of filters, breakdowns and funnel steps is
 * drawn by it.
 */
export function PickList(props: {
  title: string;
  hint: string;
  items: readonly PickItem[];
  cursor: number;
  width: number;
  height: number;
  commands: readonly CommandId[];
  /** The data the items come from: a spinner while it loads, its failure inline. */
  task?: Task<unknown>;
  error?: string | null;
  children?: ReactNode;
}) {
  const rows = pickRows(props.height);
  const start = followOffset(props.cursor, props.items.length, rows);
  const labelW = Math.max(12, Math.min(48, props.width - 26));
  const task = props.task;
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      <Text bold wrap="truncate">
        {props.title}
      </Text>
      <Text dimColor wrap="truncate">
        {props.hint}
      </Text>
      <Box flexDirection="column" height={rows} overflow="hidden">
        {props.items.slice(start, start + rows).map((it, i) => {
          const label = it.label.length > labelW ? it.label.slice(0, labelW - 1) + '…' : it.label;
          return (
            <CursorLine key={start + i} selected={start + i === props.cursor}>
              <Text>{label.padEnd(labelW)}</Text>
              {it.detail ? <Text dimColor> {it.detail}</Text> : null}
            </CursorLine>
          );
        })}
      </Box>
      {task?.status === 'running' ? (
        <Spinner label="reading the data…" since={task.since} />
      ) : task?.status === 'error' ? (
        <Text color="red" wrap="truncate">
          ✗ {task.message}
        </Text>
      ) : props.error ? (
        <Text color="red" wrap="truncate">
          ✗ {props.error}
        </Text>
      ) : (
        <Text wrap="truncate">{props.children ?? ' '}</Text>
      )}
      <Footer ids={props.commands} width={props.width} />
    </Box>
  );
}
