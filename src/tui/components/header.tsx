import { Box, Text } from 'ink';
import type { DataSummary } from '../../metrics/types.js';
import type { DbKind } from '../../db/types.js';
import { timestampText } from '../render/format.js';

export const HEADER_ROWS = 2;

/** Where the data lives and what is in it: always on screen. */
export function Header(props: { kind: DbKind; location: string; serving: boolean; summary: DataSummary | null; tz: string; signupEvent: string; width: number }) {
  const { summary } = props;
  const where = props.kind === 'server' ? `PostgreSQL server ${props.location}` : `embedded database ${props.location}`;
  const span = summary?.firstEvent && summary.lastEvent ? `${timestampText(summary.firstEvent).slice(0, 10)} → ${timestampText(summary.lastEvent).slice(0, 10)}` : 'no data yet';
  // Until the first count arrives (the database may still be opening), say only that.
  const counts = summary ? `${summary.events.toLocaleString('en-US')} events · ${summary.users.toLocaleString('en-US')} users · ${span}` : 'counting…';
  return (
    <Box width={props.width} height={HEADER_ROWS} flexDirection="column" overflow="hidden">
      <Text wrap="truncate">
        <Text bold color="magenta">evtui</Text> <Text dimColor>{where}</Text>
        {props.serving ? <Text color="green"> · serving other evtui processes</Text> : null}
      </Text>
      <Text wrap="truncate">
        {counts} · tz {props.tz} · signup event “{props.signupEvent}”
      </Text>
    </Box>
  );
}
