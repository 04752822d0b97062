// The screens of the studio, in tab order. Only screens that work are listed.

export type ScreenId = 'dataset' | 'capture' | 'train' | 'evaluate' | 'verify' | 'export';

export interface ScreenInfo {
  id: ScreenId;
  label: string;
}

export const SCREENS: readonly ScreenInfo[] = [
  { id: 'dataset', label: 'Dataset' },
  { id: 'capture', label: 'Capture' },
  { id: 'train', label: 'Train' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'verify', label: 'Verify' },
  { id: 'export', label: 'Export' },
];
