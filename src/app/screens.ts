// The screens of the studio, in tab order. Only screens that work are listed; later issues
// add Capture and Export here.

export type ScreenId = 'dataset' | 'train' | 'evaluate' | 'verify';

export interface ScreenInfo {
  id: ScreenId;
  label: string;
}

export const SCREENS: readonly ScreenInfo[] = [
  { id: 'dataset', label: 'Dataset' },
  { id: 'train', label: 'Train' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'verify', label: 'Verify' },
];
