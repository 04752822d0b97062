// What `npm run eval` measures of the page's main thread and of live Verify: long tasks (over
// 50 ms, PerformanceObserver 'longtask') between two page times, an optional CPU profile of the
// main thread per phase (its costliest functions by self time) or a Chromium trace, and a
// live-Verify run against Chromium's fake camera (frames per second as the Verify screen shows
// them, and who it names).

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Records the page's long tasks from its first script on: two numbers per task, nothing else,
 * so the observer costs next to nothing. Runs in the page (addInitScript).
 */
export function observeLongTasks() {
  const tasks = [];
  globalThis.__evalLongTasks = tasks;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.startTime, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    globalThis.__evalLongTasks = null;
  }
}

/** The longest main-thread task (ms) and the number of tasks over 50 ms between two page times. */
export function longTasksBetween(page, from, to) {
  return page.evaluate(
    ([from, to]) => {
      const tasks = globalThis.__evalLongTasks;
      if (!tasks) return { longest: null, count: null };
      let longest = 0;
      let count = 0;
      for (let i = 0; i < tasks.length; i += 2) {
        const [start, duration] = [tasks[i], tasks[i + 1]];
        if (start + duration < from || start > to) continue;
        count++;
        longest = Math.max(longest, duration);
      }
      return { longest: Math.round(longest), count };
    },
    [from, to],
  );
}

export const pageNow = (page) => page.evaluate(() => performance.now());

/**
 * A phase of the run measured on the main thread: `end()` answers its long tasks and, when
 * profiling, logs the main thread's costliest functions during it.
 */
export async function mainThreadPhase(page, name, { profile, trace, log }) {
  const from = await pageNow(page);
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  // A Chromium trace of the phase: every task of every thread, with what the browser did in it
  // (style, layout, garbage collection, which script function), which a CPU profile lumps
  // together as "(program)".
  const traceFile = join(tmpdir(), `face-studio-eval-${name.replace(/\W+/g, '-')}.trace.json`);
  const tracer = trace ? page.context().browser() : null;
  if (tracer)
    await tracer.startTracing(page, {
      path: traceFile,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'toplevel'],
    });
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  return {
    async end() {
      const tasks = await longTasksBetween(page, from, await pageNow(page));
      if (tracer) {
        await tracer.stopTracing();
        log(
          `main thread during ${name}: trace in ${traceFile} (open in chrome://tracing or Perfetto)`,
        );
      }
      if (cdp) {
        const { profile: taken } = await cdp.send('Profiler.stop');
        await cdp.detach();
        log(`main thread during ${name}: costliest functions by self time`);
        for (const line of costliestFunctions(taken)) log(line);
        // The whole profile, to open in Chromium's DevTools (Performance) or read further.
        const file = join(tmpdir(), `face-studio-eval-${name.replace(/\W+/g, '-')}.cpuprofile`);
        writeFileSync(file, JSON.stringify(taken));
        log(`main thread during ${name}: profile in ${file}`);
        log(`main thread during ${name}: its longest busy stretch, functions by total time`);
        for (const line of longestStretch(taken)) log(line);
      }
      return tasks;
    },
  };
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

const frameName = ({ functionName, url, lineNumber }) =>
  `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;

/**
 * The longest stretch of a CDP CPU profile without an idle sample (a long task, or several back
 * to back) and the 20 functions with the most total time in it (each counted once a sample,
 * however deep its recursion), as log lines: what a long task was doing.
 */
function longestStretch(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  let best = { from: 0, to: -1, ms: 0 };
  let from = 0;
  let ms = 0;
  profile.samples.forEach((id, k) => {
    if (byId.get(id).callFrame.functionName === '(idle)') {
      from = k + 1;
      ms = 0;
      return;
    }
    ms += (profile.timeDeltas[k + 1] ?? 0) / 1000;
    if (ms > best.ms) best = { from, to: k, ms };
  });
  const total = new Map();
  for (let k = best.from; k <= best.to; k++) {
    const ms = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let id = profile.samples[k]; id !== undefined; id = parent.get(id)) {
      const key = frameName(byId.get(id).callFrame);
      if (seen.has(key) || IDLE.has(byId.get(id).callFrame.functionName)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  }
  return [
    `${best.ms.toFixed(0).padStart(7)} ms  the stretch`,
    ...[...total]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${key}`),
  ];
}

/** The 15 functions with the most self time in a CDP CPU profile, as log lines. */
function costliestFunctions(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let gc = 0;
  profile.samples.forEach((id, k) => {
    const ms = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    const { functionName } = byId.get(id).callFrame;
    if (functionName === '(garbage collector)') gc += ms;
    if (IDLE.has(functionName)) return;
    const key = frameName(byId.get(id).callFrame);
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  return [
    ...[...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${key}`),
    `${gc.toFixed(0).padStart(7)} ms  (garbage collector)`,
  ];
}

/**
 * Live Verify for `seconds` with the run the Verify screen shows, the browser's fake camera
 * playing a face: the frames per second the screen reports at the end, the share of checks
 * (twice a second) that showed a match naming `expected`, the worker's median milliseconds a
 * frame for finding the face and for the network, and the main thread's long tasks.
 */
export async function liveVerify(page, { seconds, expected, profile, log }) {
  await page.getByRole('tab', { name: 'Verify' }).click();
  await page.getByRole('radio', { name: 'Webcam' }).check();
  await page.getByRole('button', { name: 'Start webcam' }).click();
  const fpsText = page.getByTestId('verify-fps');
  await fpsText.waitFor({ timeout: 120_000 });
  log(`live Verify for ${seconds} s…`);
  const phase = await mainThreadPhase(page, 'live Verify', { profile, log });
  const headline = page.getByTestId('match-headline');
  let checks = 0;
  let named = 0;
  const fps = [];
  const find = [];
  const network = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await page.waitForTimeout(500);
    checks++;
    const text = (await headline.textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    if (text.includes(expected)) named++;
    const [, value] = /([\d.]+) frames per second/.exec((await fpsText.textContent()) ?? '') ?? [];
    if (value) fps.push(Number(value));
    const timing = await page
      .getByTestId('verify-timing')
      .textContent({ timeout: 1000 })
      .catch(() => '');
    const [, findMs, networkMs] = /found in (\d+) ms, network (\d+) ms/.exec(timing ?? '') ?? [];
    if (findMs) find.push(Number(findMs));
    if (networkMs) network.push(Number(networkMs));
  }
  const tasks = await phase.end();
  await page.getByRole('button', { name: 'Stop webcam' }).click();
  const median = (values) =>
    values.length ? values.sort((a, b) => a - b)[Math.floor(values.length / 2)] : null;
  return {
    live_verify_seconds: seconds,
    live_verify_fps_median: median(fps),
    live_verify_find_ms_median: median(find),
    live_verify_network_ms_median: median(network),
    live_verify_named_share: checks ? Number((named / checks).toFixed(3)) : null,
    main_longest_task_ms_verify: tasks.longest,
    main_tasks_over_50ms_verify: tasks.count,
  };
}
