import { Box, Text, useApp } from 'ink';
import { KeyRouter, useKeys } from '../../keys/use-keys.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Db } from '../../../db/types.js';
import { App, type AppOptions } from '../../app.js';
import { Footer } from '../../components/footer.js';
import { Spinner } from '../../components/spinner.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand } from '../../keys/match.js';
import type { Opening } from '../../services/opening.js';
import { failureText } from '../../services/task.js';

type Boot = { status: 'opening'; message: string; early: Db | null } | { status: 'failed'; message: string } | { status: 'ready'; db: Db };
const KEYS: CommandId[] = ['metric.rerun', 'app.quit'];

interface BootProps {
  /** The database already being opened when the UI starts. */
  opening: Opening;
  /** Starts opening it again (the retry key after a failure). */
  reopen: () => Opening;
  options: AppOptions;
  onDb: (db: Db) => void;
}

/**
 * The first frame: the UI is up at once and says what it waits for (creating
 * an embedded database takes seconds); opening an existing one, the screens
 * show while it opens. A database that cannot be opened is a message with a
 * retry key, not a crash.
 */
export function BootScreen(props: BootProps) {
  return (
    <KeyRouter>
      <Boot {...props} />
    </KeyRouter>
  );
}

function Boot({ opening, reopen, options, onDb }: BootProps) {
  const { exit } = useApp();
  const [boot, setBoot] = useState<Boot>({ status: 'opening', message: opening.status(), early: opening.early });
  const attempt = useRef(0);
  const watch = useCallback(
    (o: Opening) => {
      const id = ++attempt.current;
      setBoot({ status: 'opening', message: o.status(), early: o.early });
      const off = o.onStatus((message) => id === attempt.current && setBoot({ status: 'opening', message, early: o.early }));
      o.db.then(
        (db) => {
          off();
          onDb(db);
          // The screens keep the database they started with: the same object, so nothing reruns.
          setBoot({ status: 'ready', db: o.early ?? db });
        },
        (err: unknown) => {
          off();
          setBoot({ status: 'failed', message: failureText(err) });
        },
      );
    },
    [onDb],
  );
  useEffect(() => watch(opening), [watch, opening]);
  const open = () => watch(reopen());
  useKeys(
    (input, key) => {
      const id = matchCommand(KEYS, input, key);
      if (id === 'metric.rerun' && boot.status === 'failed') open();
      if (id === 'app.quit') exit();
    },
    { isActive: boot.status === 'failed' || (boot.status === 'opening' && !boot.early) },
  );
  // Opening an existing database, the screens show at once and their first queries wait for it.
  if (boot.status === 'ready') return <App db={boot.db} options={options} />;
  if (boot.status === 'opening' && boot.early) return <App db={boot.early} options={options} />;
  return (
    <Box flexDirection="column">
      <Text bold color="magenta">evtui</Text>
      {boot.status === 'opening' ? <Spinner label={boot.message} /> : <Text color="red">✗ {boot.message}</Text>}
      {boot.status === 'failed' ? <Footer ids={KEYS} width={process.stdout.columns || 80} /> : null}
    </Box>
  );
}
