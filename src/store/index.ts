// The one zustand store of the app, built from slices. Components read it with selectors and
// call its actions; screens never talk to workers. The store owns the page's workers: the
// import slice creates an import pool for each import, and the training-commands slice creates
// the training client (the training worker) on first use and keeps it for the page's lifetime.

import { create } from 'zustand';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createCaptureSlice, type CaptureSlice } from './capture-slice';
import { createTrainingSlice, type TrainingSlice } from './training-slice';
import { createTrainingCommandsSlice, type TrainingCommandsSlice } from './training-commands';
import { createEvaluationSlice, type EvaluationSlice } from './evaluation-slice';
import { createLabellingSlice, type LabellingSlice } from './labelling-slice';
import { createLabelHelpSlice, type LabelHelpSlice } from './label-help-slice';

export type AppState = DatasetSlice &
  ImportSlice &
  CaptureSlice &
  TrainingSlice &
  TrainingCommandsSlice &
  EvaluationSlice &
  LabellingSlice &
  LabelHelpSlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createDatasetSlice(...args),
  ...createImportSlice(...args),
  ...createCaptureSlice(...args),
  ...createTrainingSlice(...args),
  ...createTrainingCommandsSlice(...args),
  ...createEvaluationSlice(...args),
  ...createLabellingSlice(...args),
  ...createLabelHelpSlice(...args),
}));
