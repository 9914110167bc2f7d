import { Box, Text, useApp } from 'ink';
import { KeyRouter, useKeys } from '../../keys/use-keys.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DbTarget } from '../../../config.js';
import { openDb } from '../../../db/open.js';
import type { Db } from '../../../db/types.js';
import { App, type AppOptions } from '../../app.js';
import { Footer } from '../../components/footer.js';
import { Spinner } from '../../components/spinner.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand } from '../../keys/match.js';
import { failureText } from '../../services/task.js';

type Boot = { status: 'opening'; message: string } | { status: 'failed'; message: string } | { status: 'ready'; db: Db };
const KEYS: CommandId[] = ['metric.rerun', 'app.quit'];

/**
 * The first frame: the UI is up at once and says what it waits for (creating
 * an embedded database takes seconds); a database that cannot be opened is a
 * message with a retry key, not a crash.
 */
export function BootScreen(props: { target: DbTarget; options: AppOptions; onDb: (db: Db) => void }) {
  return (
    <KeyRouter>
      <Boot {...props} />
    </KeyRouter>
  );
}

function Boot({ target, options, onDb }: { target: DbTarget; options: AppOptions; onDb: (db: Db) => void }) {
  const { exit } = useApp();
  const [boot, setBoot] = useState<Boot>({ status: 'opening', message: 'opening the database…' });
  const attempt = useRef(0);
  const open = useCallback(() => {
    const id = ++attempt.current;
    setBoot({ status: 'opening', message: 'opening the database…' });
    openDb(target, { worker: true, onStatus: (message) => id === attempt.current && setBoot({ status: 'opening', message }) }).then(
      (db) => {
        onDb(db);
        setBoot({ status: 'ready', db });
      },
      (err: unknown) => setBoot({ status: 'failed', message: failureText(err) }),
    );
  }, [target, onDb]);
  useEffect(open, [open]);
  useKeys(
    (input, key) => {
      const id = matchCommand(KEYS, input, key);
      if (id === 'metric.rerun' && boot.status === 'failed') open();
      if (id === 'app.quit') exit();
    },
    { isActive: boot.status !== 'ready' },
  );
  if (boot.status === 'ready') return <App db={boot.db} options={options} />;
  return (
    <Box flexDirection="column">
      <Text bold color="magenta">evtui</Text>
      {boot.status === 'opening' ? <Spinner label={boot.message} /> : <Text color="red">✗ {boot.message}</Text>}
      {boot.status === 'failed' ? <Footer ids={KEYS} width={process.stdout.columns || 80} /> : null}
    </Box>
  );
}
