import { PickList, type PickItem } from '../../components/pick-list.js';
import type { CommandId } from '../../keys/commands.js';
import type { EventNameCount } from '../../../metrics/properties.js';
import type { Task } from '../../services/task.js';
import { MAX_STEPS, MIN_STEPS, funnelItems, type FunnelItem, type FunnelState } from './state.js';

const n = (v: number) => v.toLocaleString('en-US');
const events = (v: number) => `${n(v)} event${v === 1 ? '' : 's'}`;

function itemLine(s: FunnelState, it: FunnelItem, counts: ReadonlyMap<string, number>): PickItem {
  const inWindow = (name: string) => (counts.has(name) ? `${events(counts.get(name)!)} in the window` : 'not seen in the window');
  switch (it.type) {
    case 'step': return { label: `step ${it.index + 1}  ${s.steps[it.index]!}`, detail: inWindow(s.steps[it.index]!) };
    case 'addStep': return { label: `+ add step ${s.steps.length + 1}…`, detail: `${MIN_STEPS} to ${MAX_STEPS} steps, in order; repeats allowed` };
    case 'exclude': return { label: `exclude  ${s.exclude[it.index]!}`, detail: 'drops an entry it occurs in' };
    case 'addExclude': return { label: '+ add an exclusion…', detail: 'optional' };
    case 'window': return { label: `window  ${s.windowDays || '_'} days`, detail: 'from the entry; ←→ or type digits' };
    case 'run': return { label: '▶ run the funnel', detail: `${s.steps.length} step${s.steps.length === 1 ? '' : 's'}` };
  }
}

export function FunnelView(props: { state: FunnelState; names: readonly EventNameCount[]; capped: number | null; task: Task<unknown>; width: number; height: number; commands: readonly CommandId[] }) {
  const s = props.state;
  if (s.phase === 'pick') {
    return (
      <PickList
        title={s.picking === 'step' ? `Funnel step ${s.steps.length + 1}: pick an event name` : 'Funnel exclusion: pick an event name'}
        hint={`the event names ${props.capped === null ? 'in the window' : `in the newest ${n(props.capped)} events of the window`}, the most frequent first`}
        items={props.names.map((e) => ({ label: e.name, detail: events(e.events) }))}
        cursor={s.pickCursor}
        width={props.width}
        height={props.height}
        commands={props.commands}
        task={props.task}
      >
        {props.task.status === 'done' && !props.names.length ? 'no events in the window: change it with w' : ' '}
      </PickList>
    );
  }
  const counts = new Map(props.names.map((e) => [e.name, e.events]));
  return (
    <PickList
      title={`Funnel: ${s.steps.length ? s.steps.join(' → ') : 'no steps yet'}`}
      hint="a user enters at step 1 in the window, then reaches each next step in order within the window days"
      items={funnelItems(s).map((it) => itemLine(s, it, counts))}
      cursor={s.cursor}
      width={props.width}
      height={props.height}
      commands={props.commands}
      error={s.error}
    />
  );
}
