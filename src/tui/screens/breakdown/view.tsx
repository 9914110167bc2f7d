import { PickList } from '../../components/pick-list.js';
import type { PropertyKey, PropertyList } from '../../../metrics/properties.js';
import type { Task } from '../../services/task.js';
import { BREAKDOWN_COMMANDS } from './use-keys.js';

const n = (v: number) => v.toLocaleString('en-US');

export function BreakdownView(props: { choices: readonly (PropertyKey | null)[]; current: string | undefined; cursor: number; data: PropertyList | undefined; task: Task<unknown>; width: number; height: number }) {
  const items = props.choices.map((k) =>
    k === null
      ? { label: `none${props.current ? '' : ' (applies now)'}`, detail: 'one group: every user' }
      : { label: `${k.key}${k.key === props.current ? ' (applies now)' : ''}`, detail: `${k.distinct} value${k.distinct === 1 ? '' : 's'} · ${n(k.count)} ${k.count === 1 ? 'user holds' : 'users hold'} it` },
  );
  return (
    <PickList
      title="Break down by a user property"
      hint={`one group of rows per value of the property on each user's signup${props.data ? `, from ${props.data.capped ? 'the first ' : ''}${n(props.data.read)} users` : ''}; users without it form a group of their own`}
      items={items}
      cursor={props.cursor}
      width={props.width}
      height={props.height}
      commands={BREAKDOWN_COMMANDS}
      task={props.task}
    />
  );
}
