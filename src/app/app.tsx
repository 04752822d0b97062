// The app shell: header, screen tabs and the active screen. Loads the stored dataset once, asks
// the browser to keep it (persistent storage), and starts the training worker (so the Train
// screen shows the backend at once; training goes on while the user changes screens). The
// Dataset screen comes with the app; the others' code is loaded apart (lazy-screens.ts), so the
// page starts without evaluating it all in one long task.

import { Suspense, useEffect, useState } from 'react';
import { DatasetScreen } from '../features/dataset/dataset-screen';
import {
  CaptureScreen,
  EvaluateScreen,
  ExportScreen,
  preloadScreens,
  TrainScreen,
  VerifyScreen,
} from './lazy-screens';
import { requestPersistentStorage } from '../storage/storage-usage';
import { useAppStore } from '../store';
import { SCREENS, type ScreenId } from './screens';
import { NoticeBar } from '../components/notice-bar';
import { ScreenBoundary } from '../components/screen-boundary';

export function App() {
  const [screen, setScreen] = useState<ScreenId>('dataset');
  const loadDataset = useAppStore((s) => s.loadDataset);
  const refreshStorageUsage = useAppStore((s) => s.refreshStorageUsage);
  const connectTraining = useAppStore((s) => s.connectTraining);
  const disconnectTraining = useAppStore((s) => s.disconnectTraining);

  useEffect(() => preloadScreens(), []);

  useEffect(() => {
    connectTraining();
    return disconnectTraining;
  }, [connectTraining, disconnectTraining]);

  useEffect(() => {
    void loadDataset();
    void requestPersistentStorage().finally(() => void refreshStorageUsage());
    // Leaving the page makes a pending delete or merge final instead of losing it.
    const commitPending = () =>
      void useAppStore
        .getState()
        .dismissUndo()
        .catch(() => undefined);
    window.addEventListener('pagehide', commitPending);
    return () => window.removeEventListener('pagehide', commitPending);
  }, [loadDataset, refreshStorageUsage]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <h1>Face Studio</h1>
        </div>
        <nav aria-label="Screens">
          <div role="tablist" className="tabs">
            {SCREENS.map((s) => (
              <button
                key={s.id}
                role="tab"
                id={`tab-${s.id}`}
                aria-selected={screen === s.id}
                aria-controls={`panel-${s.id}`}
                className="tab"
                onClick={() => setScreen(s.id)}
              >
                {s.label}
              </button>
            ))}
          </div>
        </nav>
        <p className="privacy">Private: images stay in this browser.</p>
      </header>
      <NoticeBar />
      <main
        id={`panel-${screen}`}
        role="tabpanel"
        aria-labelledby={`tab-${screen}`}
        className="screen"
      >
        {screen === 'dataset' && <DatasetScreen />}
        <ScreenBoundary key={screen}>
          <Suspense fallback={<p className="screen-loading">Loading…</p>}>
            {screen === 'capture' && <CaptureScreen />}
            {screen === 'train' && <TrainScreen />}
            {screen === 'evaluate' && <EvaluateScreen />}
            {screen === 'verify' && <VerifyScreen />}
            {screen === 'export' && <ExportScreen />}
          </Suspense>
        </ScreenBoundary>
      </main>
    </div>
  );
}
