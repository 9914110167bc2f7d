import { PickList, type PickItem } from '../../components/pick-list.js';
import type { CommandId } from '../../keys/commands.js';
import type { PropertyList } from '../../../metrics/properties.js';
import type { Task } from '../../services/task.js';
import { filterText, valuesOf, type FilterItem, type FilterState } from './state.js';

const KIND_WORDS = {
  segment: { what: 'user property', a: 'a user property', counted: 'users', one: 'user' },
  where: { what: 'event property', a: 'an event property', counted: 'events', one: 'event' },
} as const;

const n = (v: number) => v.toLocaleString('en-US');
const counted = (v: number, words: (typeof KIND_WORDS)[keyof typeof KIND_WORDS]) => `${n(v)} ${v === 1 ? words.one : words.counted}`;

function listLines(items: readonly FilterItem[]): PickItem[] {
  return items.map((it): PickItem => {
    if (it.type === 'filter') return { label: filterText(it.filter), detail: it.filter.kind === 'segment' ? 'users whose signup holds it' : 'events that hold it' };
    if (it.type === 'add') return { label: `+ add a ${it.kind}…`, detail: `pick ${KIND_WORDS[it.kind].a} and a value` };
    return { label: 'clear all filters' };
  });
}

/** Where the counts come from, so a capped read is not taken for the whole window. */
function readText(s: FilterState, data: PropertyList | undefined): string {
  if (!data) return ' ';
  if (s.kind === 'segment') return data.capped ? `from the signups of the first ${n(data.read)} users by user_id` : `from the signup events of ${n(data.read)} users`;
  return data.capped ? `from the newest ${n(data.read)} events of the window (values may be missing)` : `from the ${n(data.read)} events of the window`;
}

export function FilterView(props: {
  state: FilterState;
  items: readonly FilterItem[];
  data: PropertyList | undefined;
  task: Task<unknown>;
  width: number;
  height: number;
  commands: readonly CommandId[];
}) {
  const s = props.state;
  const words = KIND_WORDS[s.kind];
  if (s.phase === 'list') {
    return (
      <PickList
        title="Filters"
        hint="segment: only users whose signup holds KEY=VALUE count · where: only events holding it count"
        items={listLines(props.items)}
        cursor={s.cursor.list}
        width={props.width}
        height={props.height}
        commands={props.commands}
      >
        {props.items.some((it) => it.type === 'filter') ? 'every filter holds at once · x removes the one under the cursor' : 'no filters: every user and event counts'}
      </PickList>
    );
  }
  const keys = props.data?.keys ?? [];
  if (s.phase === 'keys') {
    return (
      <PickList
        title={`Add a ${s.kind}: pick ${words.a}`}
        hint={`${words.counted} holding each key, ${readText(s, props.data)}`}
        items={keys.map((k) => ({ label: k.key, detail: `${counted(k.count, words)} · ${k.distinct} value${k.distinct === 1 ? '' : 's'}` }))}
        cursor={s.cursor.keys}
        width={props.width}
        height={props.height}
        commands={props.commands}
        task={props.task}
      >
        {props.data && !keys.length ? `no ${words.what} in the data` : ' '}
      </PickList>
    );
  }
  const key = keys.find((k) => k.key === s.key);
  const values = valuesOf(keys, s.key);
  return (
    <PickList
      title={`Add a ${s.kind}: ${s.key ?? ''} = ?`}
      hint={`${words.counted} holding each value, ${readText(s, props.data)}`}
      items={values.map((v) => ({ label: v.text, detail: counted(v.count, words) }))}
      cursor={s.cursor.values}
      width={props.width}
      height={props.height}
      commands={props.commands}
      task={props.task}
    >
      {key && key.distinct > values.length ? `the ${values.length} most frequent of ${n(key.distinct)} values` : ' '}
    </PickList>
  );
}
