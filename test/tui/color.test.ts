import { expect, it } from 'vitest';
import { colorLevel } from '../../src/tui/color.js';

it('draws colors on a terminal, CI or not, by what TERM and COLORTERM announce', () => {
  expect(colorLevel({ TERM: 'xterm-256color', CI: 'true' }, true)).toBe(2);
  expect(colorLevel({ TERM: 'xterm' }, true)).toBe(1);
  expect(colorLevel({ TERM: 'xterm', COLORTERM: 'truecolor' }, true)).toBe(3);
  expect(colorLevel({ TERM: 'dumb' }, true)).toBe(0);
  expect(colorLevel({ TERM: 'xterm-256color' }, false)).toBe(0);
});

it('turns colors off under NO_COLOR, and FORCE_COLOR decides where it is set', () => {
  expect(colorLevel({ TERM: 'xterm-256color', NO_COLOR: '1' }, true)).toBe(0);
  expect(colorLevel({ TERM: 'xterm-256color', NO_COLOR: '' }, true)).toBe(2);
  expect(colorLevel({ TERM: 'xterm-256color', NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(1);
  expect(colorLevel({ TERM: 'xterm-256color', FORCE_COLOR: '0' }, true)).toBe(0);
  expect(colorLevel({ FORCE_COLOR: '3' }, false)).toBe(3);
  expect(colorLevel({ FORCE_COLOR: '' }, false)).toBe(1);
});
