// Owns when a chart is first drawn. Mounting a recharts chart is expensive (its own store, ticks
// measured in the DOM, a second render once its width is known): the Train screen's four charts
// mounted together held the main thread for 350–600 ms here while training ran, the Evaluate
// screen's for as long. Each ChartFrame mounts its chart in a task of its own, one after another
// in the order they asked, with a blank of the chart's height meanwhile so the page does not
// jump; a chart that is already drawn updates as any component does.

import { useEffect, useState, type ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

interface Turn {
  mount(): void;
}

const waiting: Turn[] = [];
/** The chart mounting now (its turn given, its commit not yet seen), or null. */
let current: Turn | null = null;

/** Gives the next waiting chart its turn, in a task after this one. */
function mountNext(): void {
  const next = waiting.shift() ?? null;
  current = next;
  if (next) setTimeout(() => next.mount(), 0);
}

/** `turn` has mounted (or will never): the next one may. */
function done(turn: Turn): void {
  const index = waiting.indexOf(turn);
  if (index >= 0) waiting.splice(index, 1);
  if (current === turn) mountNext();
}

export function ChartFrame({ height, children }: { height: number; children: ReactElement }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (mounted) return;
    const turn: Turn = { mount: () => setMounted(true) };
    waiting.push(turn);
    if (current === null) mountNext();
    // Cleaned up once mounted (the chart is committed), or when unmounted before its turn:
    // either way the next chart may go.
    return () => done(turn);
  }, [mounted]);
  if (!mounted) return <div style={{ height }} />;
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}
