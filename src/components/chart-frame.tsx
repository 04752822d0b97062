// Owns when a chart is drawn. Mounting a recharts chart is expensive (its own store, ticks
// measured in the DOM, a second render once its width is known), and so is each redraw with new
// data (its store's selectors run again): the Train screen's four charts mounted together held
// the main thread for 350–600 ms here while training ran, and the loss and learning-rate charts
// redrawn together at every progress message (four a second) for 100–200 ms. So charts take
// turns, a task each, one after another in the order they asked. A chart is drawn over several
// turns, a part more at each (its surface, axes, grid, then each other part alone): every part
// registers itself in the chart's store, and each registration re-renders the parts already
// there synchronously, so a chart mounted whole was one task of 84–103 ms here (the first chart
// of a page, while training) where drawn part by part its longest turn took 50–76. Until its
// first turn a chart is a blank of its height, so the page does not jump. A chart fed through
// `useChartData` takes new data at most once a second, in a turn of its own too.

import {
  Children,
  cloneElement,
  isValidElement,
  startTransition,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';

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

/** The parts of a chart drawn after its empty surface, one kind a turn: x axis, y axis, grid. */
const FRAME: readonly unknown[] = [XAxis, YAxis, CartesianGrid];

/**
 * A chart's parts in the order they are drawn, one group a turn: none (the chart's surface and
 * store alone), then each kind of the frame's, then each other part (series, tooltip, reference
 * marks) alone, in the order the chart lists them. Each keeps the key it has in the whole chart,
 * so a turn adds parts and remounts none.
 */
export function stagesOf(parts: readonly ReactNode[]): ReactNode[][] {
  const kindOf = (part: ReactNode) => (isValidElement(part) ? part.type : null);
  const frame = FRAME.map((kind) => parts.filter((part) => kindOf(part) === kind));
  const rest = parts.filter((part) => !FRAME.includes(kindOf(part)));
  return [[], ...frame.filter((group) => group.length > 0), ...rest.map((part) => [part])];
}

type Chart = ReactElement<{ children?: ReactNode }>;

/** How many turns draw the chart after its blank. */
function stageCount(chart: Chart): number {
  return stagesOf(Children.toArray(chart.props.children)).length;
}

/** The chart with its first `count` groups of parts (stagesOf), in the chart's own order. */
export function chartAt(chart: Chart, count: number): ReactElement {
  const parts = Children.toArray(chart.props.children);
  const shown = new Set(stagesOf(parts).slice(0, count).flat());
  return cloneElement(
    chart,
    undefined,
    parts.filter((part) => shown.has(part)),
  );
}

export function ChartFrame({ height, children }: { height: number; children: Chart }) {
  // stage: how many groups of its parts are drawn (stagesOf), 0 for the blank. width: the
  // blank's when the chart's first turn came, so the chart is first drawn at its real size, not
  // at none and then again once measured.
  const [{ stage, width }, setDrawn] = useState({ stage: 0, width: 0 });
  const stages = stageCount(children);
  const blank = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (stage >= stages) return;
    let over = false;
    const turn: Turn = {
      run: () => {
        if (over) return; // unmounted after its turn was given
        if (stage > 0) {
          startTransition(() => setDrawn((old) => ({ ...old, stage: stage + 1 })));
          return;
        }
        const measured = Math.round(blank.current?.getBoundingClientRect().width ?? 0);
        startTransition(() => setDrawn({ stage: 1, width: measured }));
      },
    };
    enqueue(turn);
    // Cleaned up once the turn is committed (the stage moved on), or when unmounted before its
    // turn: either way the next chart may go.
    return () => {
      over = true;
      done(turn);
    };
  }, [stage, stages]);
  if (stage === 0) return <div ref={blank} style={{ height }} />;
  return (
    <ResponsiveContainer
      width="100%"
      height={height}
      initialDimension={{ width: width > 0 ? width : -1, height }}
    >
      {chartAt(children, stage)}
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
