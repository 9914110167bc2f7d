// One rule worth a comment: the core (db, ingest, metrics) must never import the UI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', Blob: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/db/**', 'src/ingest/**', 'src/metrics/**', 'src/format/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['ink', 'ink-*', 'react', 'react/*'], message: 'The core and the CLI never import the UI.' },
          { group: ['**/tui/**', '../tui/*'], message: 'The core and the CLI never import the UI.' },
        ],
      }],
    },
  },
  {
    files: ['src/tui/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/cli/**', '../cli/*'], message: 'The UI never imports the CLI: what both faces need lives in the core (config, format, metrics).' }],
      }],
    },
  },
);
