// Owns what the page shows when a screen cannot be drawn, most often because its code could not
// be loaded (the server that served the app is gone): a message with the reason and a way to try
// again, instead of a blank page. The data stays in the browser either way.

import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ScreenBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="screen-error">
        <p>
          This screen could not be shown ({error.message}). Your images and runs are stored in this
          browser and are not affected.
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
