// The bench's summary table: the ratios read off the records a run printed, and "—" for what it
// did not measure.
import { describe, expect, test } from 'vitest';
import { summaryRows, summaryTable } from './bench-summary.mjs';

const yardstick = { bench: 'train', backbone: 'resnet18', size: 64, width: 1, batch: 32 };

describe('the bench summary', () => {
  test('divides WASM by PyTorch on one and two threads and WASM threads by one thread', () => {
    const rows = new Map(
      summaryRows([
        { ...yardstick, backend: 'wasm-1thread', train_img_per_s: 18 },
        { ...yardstick, backend: 'wasm', train_img_per_s: 27 },
        { ...yardstick, width: 0.25, backend: 'wasm', train_img_per_s: 200 },
        { bench: 'pytorch', threads: 1, train_img_per_s: 72 },
        { bench: 'pytorch', threads: 2, train_img_per_s: 120 },
        { bench: 'detect', backend: 'wasm', ms_per_frame: 90, followed_ms_per_frame: 45 },
      ]),
    );
    expect(rows.get('WASM ÷ PyTorch, 1 thread')).toBe('0.25×');
    expect(rows.get('WASM ÷ PyTorch, 2 threads')).toBe('0.23×');
    expect(rows.get('WASM threads ÷ 1 thread')).toBe('1.50×');
    expect(rows.get('face detector on wasm, ms a frame (whole frame / followed)')).toBe('90 / 45');
    expect(rows.get('import, images/s')).toBe('—');
  });

  test('shows each eval run’s longest main-thread tasks and live Verify’s frames per second', () => {
    const table = summaryTable([
      {
        protocol: 'folder-v1',
        mode: 'pretrained-frozen',
        main_longest_task_ms_import: 51,
        main_tasks_over_50ms_import: 1,
        main_longest_task_ms_verify: 0,
        main_tasks_over_50ms_verify: 0,
        live_verify_fps_median: 21.5,
      },
      { bench: 'import', added: 1300, seconds: 40, images_per_s: 32.5 },
    ]);
    expect(table).toContain('import 51 ms (1 over 50 ms), verify 0 ms (0 over 50 ms)');
    expect(table).toMatch(/live Verify, frames\/s \(median\)\s+21\.5/);
    expect(table).toMatch(/import, images\/s\s+32\.5 \(1300 in 40 s\)/);
    expect(table).toContain('npm run bench -- --all');
  });
});
