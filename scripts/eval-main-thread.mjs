// What `npm run eval` measures of the page's main thread and of live Verify: long tasks (over
// 50 ms, PerformanceObserver 'longtask') between two page times, an optional CPU profile of the
// main thread per phase (its costliest functions by self time), and a live-Verify run against
// Chromium's fake camera (frames per second as the Verify screen shows them, and who it names).

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
export async function mainThreadPhase(page, name, { profile, log }) {
  const from = await pageNow(page);
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  return {
    async end() {
      const tasks = await longTasksBetween(page, from, await pageNow(page));
      if (cdp) {
        const { profile: taken } = await cdp.send('Profiler.stop');
        await cdp.detach();
        log(`main thread during ${name}: costliest functions by self time`);
        for (const line of costliestFunctions(taken)) log(line);
      }
      return tasks;
    },
  };
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** The 15 functions with the most self time in a CDP CPU profile, as log lines. */
function costliestFunctions(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let gc = 0;
  profile.samples.forEach((id, k) => {
    const ms = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    if (functionName === '(garbage collector)') gc += ms;
    if (IDLE.has(functionName)) return;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
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
 * (twice a second) that showed a match naming `expected`, and the main thread's long tasks.
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
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await page.waitForTimeout(500);
    checks++;
    const text = (await headline.textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    if (text.includes(expected)) named++;
    const [, value] = /([\d.]+) frames per second/.exec((await fpsText.textContent()) ?? '') ?? [];
    if (value) fps.push(Number(value));
  }
  const tasks = await phase.end();
  await page.getByRole('button', { name: 'Stop webcam' }).click();
  fps.sort((a, b) => a - b);
  return {
    live_verify_seconds: seconds,
    live_verify_fps_median: fps.length ? fps[Math.floor(fps.length / 2)] : null,
    live_verify_named_share: checks ? Number((named / checks).toFixed(3)) : null,
    main_longest_task_ms_verify: tasks.longest,
    main_tasks_over_50ms_verify: tasks.count,
  };
}
