// File names of exports: readable, sortable by date, safe on every file system.

import { isImportedRun, type RunRecord } from '../../storage/run-records';

function stamp(time: number): string {
  const d = new Date(time);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}`;
}

/**
 * `face-studio-resnet18-20260102-0304`: the run's backbone and when it started; an imported
 * model's: `face-studio-imported-<its name>-<when it was imported>`.
 */
export function runBaseName(run: RunRecord): string {
  const what = isImportedRun(run) ? `imported-${run.name}` : run.config.backbone;
  return `face-studio-${what}-${stamp(run.createdAt)}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function datasetFileName(now = Date.now()): string {
  return `face-studio-dataset-${stamp(now)}.zip`;
}

export function projectFileName(now = Date.now()): string {
  return `face-studio-project-${stamp(now)}.zip`;
}
