// The same-origin guard on a simulated worker global: requests to the worker's own origin (and
// blob: URLs it made) reach the original APIs with their resolved URL; every other URL is
// refused before anything is sent, and the guard cannot be taken off again.

import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { installSameOriginGuard } from './same-origin-guard';

const ORIGIN = 'http://localhost:4173';
const WORKER_URL = `${ORIGIN}/assets/training.worker-abc.js`;

const OFF_ORIGIN = [
  'https://example.com/face.jpg',
  'http://127.0.0.1:4173/face.jpg', // same server, another host name: another origin
  'https://localhost:4173/face.jpg',
  'http://localhost:4174/face.jpg',
  '//example.com/face.jpg',
  'data:text/plain,hello',
  'javascript:void(0)',
  'ws://localhost:4173/socket',
  'blob:https://example.com/9b0f6a2e-0000-4000-8000-000000000000',
  'http://[bad',
];

interface Call {
  api: string;
  args: unknown[];
}

/** A dedicated worker's global as far as the guard is concerned, recording what gets through. */
function fakeWorkerScope() {
  const calls: Call[] = [];
  const record =
    (api: string) =>
    (...args: unknown[]) =>
      calls.push({ api, args });
  class Recorded {
    constructor(...args: unknown[]) {
      calls.push({ api: new.target.name, args });
    }
  }
  class WebSocket extends Recorded {
    static readonly OPEN = 1;
  }
  class XMLHttpRequest {
    open(...args: unknown[]) {
      calls.push({ api: 'XMLHttpRequest', args });
    }
  }
  class Cache {
    add(request: unknown) {
      calls.push({ api: 'Cache.add', args: [request] });
      return Promise.resolve();
    }
    addAll(requests: unknown[]) {
      calls.push({ api: 'Cache.addAll', args: requests });
      return Promise.resolve();
    }
  }
  const scope = {
    location: { origin: ORIGIN, href: WORKER_URL },
    Request,
    fetch: (...args: unknown[]) => {
      record('fetch')(...args);
      return Promise.resolve('response');
    },
    importScripts: record('importScripts'),
    XMLHttpRequest,
    Cache,
    WebSocket,
    Worker: class Worker extends Recorded {},
    SharedWorker: class SharedWorker extends Recorded {},
    EventSource: class EventSource extends Recorded {},
    WebTransport: class WebTransport extends Recorded {},
  };
  const refusals: string[] = [];
  installSameOriginGuard(scope, (api, url) => refusals.push(`${api} ${url}`));
  return { scope, calls, refusals };
}

async function refusedBy(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe('installSameOriginGuard', () => {
  it('lets fetch reach its own origin, with the URL resolved against the worker', async () => {
    const { scope, calls, refusals } = fakeWorkerScope();
    const init = { method: 'GET' };
    await expect(scope.fetch('/assets/face.bin', init)).resolves.toBe('response');
    await scope.fetch('tfjs-backend-wasm.wasm');
    await scope.fetch(new URL(`${ORIGIN}/sample-faces/manifest.json`));
    const request = new Request(`${ORIGIN}/assets/x.bin`);
    await scope.fetch(request);
    expect(calls).toEqual([
      { api: 'fetch', args: [`${ORIGIN}/assets/face.bin`, init] },
      { api: 'fetch', args: [`${ORIGIN}/assets/tfjs-backend-wasm.wasm`, undefined] },
      { api: 'fetch', args: [`${ORIGIN}/sample-faces/manifest.json`, undefined] },
      { api: 'fetch', args: [request, undefined] },
    ]);
    expect(refusals).toEqual([]);
  });

  it.each(OFF_ORIGIN)('refuses fetch of %s before anything is sent', async (url) => {
    const { scope, calls, refusals } = fakeWorkerScope();
    expect(await refusedBy(scope.fetch(url))).toBe('off-origin-request');
    expect(calls).toEqual([]);
    expect(refusals).toHaveLength(1);
  });

  it('refuses a Request to another origin, and reads a URL object only once', async () => {
    const { scope, calls } = fakeWorkerScope();
    expect(await refusedBy(scope.fetch(new Request('https://example.com/x')))).toBe(
      'off-origin-request',
    );
    // An object that names our origin when checked and another one afterwards: the original
    // gets the string that was checked.
    let reads = 0;
    const shifty = { toString: () => (reads++ === 0 ? '/ok.bin' : 'https://example.com/x') };
    await scope.fetch(shifty);
    expect(calls).toEqual([{ api: 'fetch', args: [`${ORIGIN}/ok.bin`, undefined] }]);
  });

  it('guards importScripts whole: one foreign script and none is loaded', () => {
    const { scope, calls } = fakeWorkerScope();
    scope.importScripts('/assets/factory.js');
    expect(() => scope.importScripts('/assets/a.js', 'https://cdn.example.com/b.js')).toThrow(
      AppError,
    );
    expect(calls).toEqual([{ api: 'importScripts', args: [`${ORIGIN}/assets/factory.js`] }]);
  });

  it('guards XMLHttpRequest, Cache and the request-making constructors', async () => {
    const { scope, calls, refusals } = fakeWorkerScope();
    const xhr = new scope.XMLHttpRequest();
    xhr.open('GET', '/x.json');
    expect(() => xhr.open('GET', 'https://example.com/x.json')).toThrow(AppError);
    const cache = new scope.Cache();
    await cache.add('/a.bin');
    expect(await refusedBy(cache.add('https://example.com/a.bin'))).toBe('off-origin-request');
    expect(await refusedBy(cache.addAll(['/b.bin', 'https://example.com/c.bin']))).toBe(
      'off-origin-request',
    );
    for (const name of ['WebSocket', 'EventSource', 'WebTransport', 'SharedWorker'] as const) {
      expect(() => new scope[name]('https://example.com/live'), name).toThrow(AppError);
    }
    expect(() => new scope.WebSocket(`ws://localhost:4173/socket`)).toThrow(AppError);
    const events = new scope.EventSource('/events');
    expect(events).toBeInstanceOf(scope.EventSource);
    expect(scope.WebSocket.OPEN).toBe(1);
    expect(
      calls.map((c) => `${c.api} ${String(c.args[c.api === 'XMLHttpRequest' ? 1 : 0])}`),
    ).toEqual([
      `XMLHttpRequest ${ORIGIN}/x.json`,
      `Cache.add ${ORIGIN}/a.bin`,
      `EventSource ${ORIGIN}/events`,
    ]);
    expect(refusals).toHaveLength(8);
  });

  it('starts nested workers only from its own origin or its own blob: URLs', () => {
    const { scope, calls } = fakeWorkerScope();
    const blob = `blob:${ORIGIN}/9b0f6a2e-0000-4000-8000-000000000000`;
    const options = { name: 'em-pthread' };
    new scope.Worker(blob, options);
    new scope.Worker('./import.worker.js', { type: 'module' });
    expect(() => new scope.Worker('data:text/javascript,fetch("https://example.com")')).toThrow(
      AppError,
    );
    expect(() => new scope.Worker('https://example.com/w.js')).toThrow(AppError);
    expect(calls).toEqual([
      { api: 'Worker', args: [blob, options] },
      { api: 'Worker', args: [`${ORIGIN}/assets/import.worker.js`, { type: 'module' }] },
    ]);
  });

  it('cannot be undone or replaced, and installing twice changes nothing', async () => {
    const { scope, calls } = fakeWorkerScope();
    const guarded = scope.fetch;
    expect(() => {
      (scope as { fetch: unknown }).fetch = () => Promise.resolve('unguarded');
    }).toThrow(TypeError);
    expect(() => Object.defineProperty(scope, 'fetch', { value: null })).toThrow(TypeError);
    expect(() => {
      scope.XMLHttpRequest.prototype.open = () => undefined;
    }).toThrow(TypeError);
    installSameOriginGuard(scope);
    expect(scope.fetch).toBe(guarded);
    expect(await refusedBy(scope.fetch('https://example.com/x'))).toBe('off-origin-request');
    expect(calls).toEqual([]);
  });

  it('leaves out what a global does not have', async () => {
    const scope = {
      location: { origin: ORIGIN, href: WORKER_URL },
      fetch: (_url: string) => Promise.resolve(1),
    };
    installSameOriginGuard(scope, () => undefined);
    expect(Object.keys(scope).sort()).toEqual(['fetch', 'location']);
    expect(await refusedBy(scope.fetch('https://example.com/x'))).toBe('off-origin-request');
  });
});
