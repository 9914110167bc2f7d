import { Text } from 'ink';
import { useEffect, useState } from 'react';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Shown while a query runs; the elapsed seconds tell a slow query from a stuck one. */
export function Spinner({ label, since }: { label: string; since?: number }) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 100);
    return () => clearInterval(t);
  }, []);
  const secs = since ? ` ${((Date.now() - since) / 1000).toFixed(1)}s` : '';
  return (
    <Text color="yellow">
      {FRAMES[tick % FRAMES.length]} {label}
      {secs}
    </Text>
  );
}
