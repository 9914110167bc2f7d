import { Box, Text } from 'ink';
import { useKeys } from '../../keys/use-keys.js';
import { DEMO_FIXTURE } from '../../demo.js';
import { Footer } from '../../components/footer.js';
import { useUi, useUiActions } from '../../context.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand } from '../../keys/match.js';

const KEYS: CommandId[] = ['app.confirm', 'app.load', 'app.cancel', 'app.quit'];

/** First run: an empty database offers the demo dataset rather than a screen of zeros. */
export function WelcomeScreen({ height }: { height: number }) {
  const ui = useUi();
  const { dispatch, quit } = useUiActions();
  useKeys((input, key) => {
    switch (matchCommand(KEYS, input, key)) {
      case 'app.confirm': return dispatch({ type: 'go', base: 'load', loadSource: DEMO_FIXTURE });
      case 'app.load': return dispatch({ type: 'go', base: 'load' });
      case 'app.cancel': return dispatch({ type: 'overlay', overlay: null });
      case 'app.quit': return quit();
    }
  });
  return (
    <Box flexDirection="column" width={ui.columns} height={height}>
      <Box flexDirection="column" height={height - 1}>
        <Text bold>This database has no events yet.</Text>
        <Text> </Text>
        <Text wrap="wrap">
          Enter (or y): load the demo dataset <Text bold>{DEMO_FIXTURE}</Text> — a SaaS product over 90 days, with signups, activity and churn.
        </Text>
        <Text wrap="wrap">l: pick another fixture or a JSONL file of your own.</Text>
        <Text wrap="wrap">Esc: look around with an empty database.</Text>
      </Box>
      <Footer ids={KEYS} width={ui.columns} />
    </Box>
  );
}
