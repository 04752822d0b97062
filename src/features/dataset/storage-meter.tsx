// How much of the browser's storage the studio uses, and whether the browser promised to keep it.

import { useAppStore } from '../../store';

function megabytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function StorageMeter() {
  const usage = useAppStore((s) => s.storageUsage);
  if (!usage) return <p className="muted storage">Storage use unknown in this browser.</p>;
  return (
    <p className="muted storage" data-testid="storage-meter">
      Storage: {megabytes(usage.usedBytes)} used of {megabytes(usage.quotaBytes)}
      {usage.persisted
        ? ' · kept by the browser'
        : ' · may be cleared by the browser under pressure'}
    </p>
  );
}
