// Owns when a chart is drawn. Mounting a recharts chart is expensive (its own store, ticks
// measured in the DOM, a second render once its width is known), and so is each redraw with new
// data (its store's selectors run again): the Train screen's four charts mounted together held
// the main thread for 350–600 ms here while training ran, and the loss and learning-rate charts
// redrawn together at every progress message (four a second) for 100–200 ms. So charts take
// turns: each ChartFrame mounts its chart in a task of its own, one after another in the order
// they asked, with a blank of the chart's height meanwhile so the page does not jump; and a chart
// fed through `useChartData` takes new data at most once a second, in a turn of its own too.

import {
  startTransition,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactElement,
} from 'react';
import { ResponsiveContainer } from 'recharts';

/** The shortest time between two redraws of one chart with new data. */
export const CHART_UPDATE_MS = 1000;

interface Turn {
  run(): void;
}

const waiting: Turn[] = [];
/** The turn under way (given, its commit not yet seen), or null. */
let current: Turn | null = null;

/** Gives the next waiting turn, in a task after this one. */
function runNext(): void {
  const next = waiting.shift() ?? null;
  current = next;
  if (next) setTimeout(() => next.run(), 0);
}

function enqueue(turn: Turn): void {
  waiting.push(turn);
  if (current === null) runNext();
}

/** `turn` is over (its commit seen), or will never run: the next one may go. */
function done(turn: Turn): void {
  const index = waiting.indexOf(turn);
  if (index >= 0) waiting.splice(index, 1);
  if (current === turn) runNext();
}

export function ChartFrame({ height, children }: { height: number; children: ReactElement }) {
  // The blank's width when the chart's turn came: the chart is first drawn at its real size,
  // not at none and then again once measured.
  const [width, setWidth] = useState<number | null>(null);
  const blank = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (width !== null) return;
    let over = false;
    const turn: Turn = {
      run: () => {
        if (over) return; // unmounted after its turn was given
        const measured = Math.round(blank.current?.getBoundingClientRect().width ?? 0);
        startTransition(() => setWidth(measured));
      },
    };
    enqueue(turn);
    // Cleaned up once mounted (the chart is committed), or when unmounted before its turn:
    // either way the next chart may go.
    return () => {
      over = true;
      done(turn);
    };
  }, [width]);
  if (width === null) return <div ref={blank} style={{ height }} />;
  return (
    <ResponsiveContainer
      width="100%"
      height={height}
      initialDimension={{ width: width > 0 ? width : -1, height }}
    >
      {children}
    </ResponsiveContainer>
  );
}

/**
 * What a chart draws of a value that changes often (a running series): the value as it was at the
 * chart's last turn. A new value is taken in a turn of the chart's own, at most once every
 * CHART_UPDATE_MS; the latest one is taken, so nothing is lost but the steps between.
 */
export function useChartData<T>(value: T): T {
  // Versioned, so that every turn commits (and so ends) even when it finds the value it shows.
  const [shown, setShown] = useState({ value, version: 0 });
  const latest = useRef(value);
  // What a turn (run in a later task) reads: mirrored at each commit.
  useLayoutEffect(() => {
    latest.current = value;
  });
  const state = useRef<{ turn: Turn | null; timer?: ReturnType<typeof setTimeout>; at: number }>({
    turn: null,
    at: 0,
  });

  // A turn ends once it is committed (this runs before the effect that asks for the next).
  useEffect(() => {
    const s = state.current;
    if (!s.turn) return;
    const turn = s.turn;
    s.turn = null;
    done(turn);
  }, [shown]);

  useEffect(() => {
    const s = state.current;
    if (Object.is(value, shown.value) || s.turn || s.timer !== undefined) return;
    const turn: Turn = {
      run: () => {
        if (s.turn !== turn) return; // unmounted after its turn was given
        s.at = performance.now();
        startTransition(() =>
          setShown((old) => ({ value: latest.current, version: old.version + 1 })),
        );
      },
    };
    s.timer = setTimeout(
      () => {
        s.timer = undefined;
        s.turn = turn;
        enqueue(turn);
      },
      Math.max(0, s.at + CHART_UPDATE_MS - performance.now()),
    );
  }, [value, shown]);

  useEffect(() => {
    const s = state.current;
    return () => {
      clearTimeout(s.timer);
      s.timer = undefined;
      if (s.turn) done(s.turn);
      s.turn = null;
    };
  }, []);

  return shown.value;
}
