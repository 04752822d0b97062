// The short table `npm run bench` ends with: the ratios that matter for issue 16, read off the
// JSON records the bench printed (and, with --all, those of PyTorch, the import bench and the
// eval harness), so that a regression shows at a glance. A figure the run did not measure is
// "—", with the flag that measures it.

const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
const figure = (value, unit = '') =>
  value === null || value === undefined ? '—' : `${value}${unit}`;

/** The training case by which WASM is compared with PyTorch: ResNet-18 at 64 px, batch 32. */
const isYardstick = (record) =>
  record.bench === 'train' &&
  record.backbone === 'resnet18' &&
  record.size === 64 &&
  record.width === 1 &&
  record.batch === 32;

/** The table's rows ([what, figure]) from every record the run printed. */
export function summaryRows(records) {
  const trainOn = (backend) =>
    records.find((r) => isYardstick(r) && r.backend === backend)?.train_img_per_s ?? null;
  const torch = (threads) =>
    records.find((r) => r.bench === 'pytorch' && r.threads === threads)?.train_img_per_s ?? null;
  const [wasm1, wasm2, torch1, torch2] = [
    trainOn('wasm-1thread'),
    trainOn('wasm'),
    torch(1),
    torch(2),
  ];
  const rows = [
    [
      'WASM ResNet-18 64 px batch 32, images/s (1 thread / threads)',
      `${figure(wasm1)} / ${figure(wasm2)}`,
    ],
    [
      'PyTorch CPU, same network, images/s (1 / 2 threads)',
      `${figure(torch1)} / ${figure(torch2)}`,
    ],
    ['WASM ÷ PyTorch, 1 thread', ratio(wasm1, torch1)],
    ['WASM ÷ PyTorch, 2 threads', ratio(wasm2, torch2)],
    ['WASM threads ÷ 1 thread', ratio(wasm2, wasm1)],
  ];
  for (const detect of records.filter((r) => r.bench === 'detect' && !r.error))
    rows.push([
      `face detector on ${detect.backend}, ms a frame (whole frame / followed)`,
      `${figure(detect.ms_per_frame)} / ${figure(detect.followed_ms_per_frame)}`,
    ]);
  const imported = records.find((r) => r.bench === 'import');
  rows.push([
    'import, images/s',
    imported ? `${imported.images_per_s} (${imported.added} in ${imported.seconds} s)` : '—',
  ]);
  const live = records.find((r) => r.live_verify_fps_median !== undefined);
  rows.push(['live Verify, frames/s (median)', figure(live?.live_verify_fps_median)]);
  for (const report of records.filter((r) => r.protocol === 'folder-v1')) {
    const phases = ['import', 'train', 'eval', 'verify']
      .filter((phase) => report[`main_longest_task_ms_${phase}`] !== undefined)
      .map(
        (phase) =>
          `${phase} ${figure(report[`main_longest_task_ms_${phase}`], ' ms')} (${figure(report[`main_tasks_over_50ms_${phase}`])} over 50 ms)`,
      );
    rows.push([`longest main-thread task, ${report.mode ?? 'run'}`, phases.join(', ')]);
  }
  return rows;
}

/** The rows as a plain-text table. */
export function summaryTable(records) {
  const rows = summaryRows(records);
  const width = Math.max(...rows.map(([what]) => what.length));
  const lines = rows.map(([what, value]) => `${what.padEnd(width)}  ${value}`);
  const missing = rows.some(([, value]) => value.includes('—'));
  return [
    '',
    'Summary',
    ...lines,
    ...(missing
      ? [
          '(— not measured by this run: `npm run bench -- --all` measures every row, about 20 minutes)',
        ]
      : []),
  ].join('\n');
}
