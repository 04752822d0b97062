// The one zustand store of the app, built from slices. Components read it with selectors;
// only the training client (later) talks to workers, and the store never holds a Worker.

import { create } from 'zustand';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createCaptureSlice, type CaptureSlice } from './capture-slice';
import { createTrainingSlice, type TrainingSlice } from './training-slice';
import { createEvaluationSlice, type EvaluationSlice } from './evaluation-slice';

export type AppState = DatasetSlice & ImportSlice & CaptureSlice & TrainingSlice & EvaluationSlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createDatasetSlice(...args),
  ...createImportSlice(...args),
  ...createCaptureSlice(...args),
  ...createTrainingSlice(...args),
  ...createEvaluationSlice(...args),
}));
