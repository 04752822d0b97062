// The screens of the studio, in tab order. Only screens that work are listed; later issues
// add Train, Evaluate, Verify, Capture and Export here.

export type ScreenId = 'dataset';

export interface ScreenInfo {
  id: ScreenId;
  label: string;
}

export const SCREENS: readonly ScreenInfo[] = [{ id: 'dataset', label: 'Dataset' }];
