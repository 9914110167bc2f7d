import { Box, Text } from 'ink';
import type { PromptField } from '../../app-state.js';
import { Footer } from '../../components/footer.js';
import { PROMPTS, type PromptState } from './state.js';
import { PROMPT_COMMANDS } from './use-keys.js';

export function PromptView({ field, state, width, height }: { field: PromptField; state: PromptState; width: number; height: number }) {
  const p = PROMPTS[field];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" height={height - 1}>
        <Text bold>{p.title}</Text>
        <Text dimColor wrap="wrap">{p.hint}</Text>
        <Text>
          ▸ {state.pristine && state.value ? <Text inverse>{state.value}</Text> : state.value}
          {state.pristine && state.value ? null : <Text inverse> </Text>}
        </Text>
        {state.error ? <Text color="red">✗ {state.error}</Text> : null}
      </Box>
      <Footer ids={PROMPT_COMMANDS} width={width} />
    </Box>
  );
}
