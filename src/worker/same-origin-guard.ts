// The same-origin guard: owns the rule, enforced inside every worker of the studio by the
// worker's own code, that no request leaves the worker's origin. A dedicated worker takes its
// Content-Security-Policy from its script's response headers, not from the page's <meta> tag,
// so on a static host that sends no headers this guard is the only fence around the code that
// does all the fetching (weights, wasm, the threaded factory); with headers it is a second one.
//
// Guarded, where the global has them: fetch (a URL, a string or a Request), importScripts,
// XMLHttpRequest's open, Cache's add and addAll, and the constructors of Worker, SharedWorker,
// WebSocket, EventSource and WebTransport. Each URL is resolved once against the worker's own
// address and that resolved string is what the original receives, so an object whose toString
// changes between calls cannot slip past. The replacements are read-only and cannot be
// reconfigured, so no library can put the originals back.
//
// Allowed: URLs whose origin is the worker's, which includes blob: URLs made in this origin
// (their origin is the one that made them). They are needed: the threaded WebAssembly backend
// starts its pthread workers from a blob: URL holding the one-line bootstrap that
// backends/wasm-backend.ts writes; such a worker inherits its creator's CSP where there is one.
// Refused: everything else, including data: URLs (nothing of ours uses them; a data: worker
// would run with an opaque origin and no policy) and ws:/wss: URLs (the studio opens no socket).
// Not guardable from script: import() and static imports, which the bundler makes relative to
// our own files; the end-to-end privacy test watches the network for those.

import { AppError } from '../lib/errors';

/** What a worker's global offers that the guard needs: its address, and the APIs it wraps. */
export interface GuardedScope {
  location: { origin: string; href: string };
}

export type RefusalReporter = (api: string, url: string) => void;

const CONSTRUCTORS = ['Worker', 'SharedWorker', 'WebSocket', 'EventSource', 'WebTransport'];
const INSTALLED = Symbol.for('face-studio.same-origin-guard');

const logRefusal: RefusalReporter = (api, url) =>
  console.error(`[same-origin guard] refused ${api} of ${url}`);

/**
 * Replaces the request APIs of `scope` (a worker's `self`) with versions that refuse any URL off
 * its origin, with an AppError 'off-origin-request', after telling `report`. Idempotent.
 */
export function installSameOriginGuard(
  scope: GuardedScope,
  report: RefusalReporter = logRefusal,
): void {
  const global = scope as unknown as Record<PropertyKey, unknown>;
  if (global[INSTALLED]) return;
  const { origin } = scope.location;

  /** The absolute URL to hand on, or a thrown refusal. */
  const allowed = (api: string, url: unknown): string => {
    let href: string;
    let target: string;
    try {
      href = String(url);
      const resolved = new URL(href, scope.location.href);
      href = resolved.href;
      target = resolved.origin;
    } catch {
      target = 'null';
      href = typeof url === 'string' ? url : '(unreadable URL)';
    }
    if (target === origin && origin !== 'null') return href;
    report(api, href);
    return refuse(api, href);
  };
  const RequestClass = global.Request as (new (input: string) => { url: string }) | undefined;
  /** A Request keeps its own (immutable) URL; anything else is read once as a string. */
  const checked = (api: string, input: unknown): unknown =>
    RequestClass && input instanceof RequestClass
      ? (allowed(api, input.url), input)
      : allowed(api, input);

  const originalFetch = global.fetch as
    ((input: unknown, init?: unknown) => Promise<unknown>) | undefined;
  if (originalFetch) {
    seal(global, 'fetch', function fetch(input: unknown, init?: unknown) {
      let target: unknown;
      try {
        target = checked('fetch', input);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      return originalFetch.call(scope, target, init);
    });
  }

  const originalImportScripts = global.importScripts as ((...urls: unknown[]) => void) | undefined;
  if (originalImportScripts) {
    seal(global, 'importScripts', function importScripts(...urls: unknown[]) {
      const hrefs = urls.map((url) => allowed('importScripts', url));
      originalImportScripts.apply(scope, hrefs);
    });
  }

  const xhr = global.XMLHttpRequest as { prototype: Record<string, unknown> } | undefined;
  const originalOpen = xhr?.prototype.open as ((...args: unknown[]) => void) | undefined;
  if (xhr && originalOpen) {
    seal(
      xhr.prototype,
      'open',
      function open(this: unknown, method: unknown, url: unknown, ...rest: unknown[]) {
        return originalOpen.call(this, method, allowed('XMLHttpRequest', url), ...rest);
      },
    );
  }

  const cache = global.Cache as { prototype: Record<string, unknown> } | undefined;
  if (cache) {
    const add = cache.prototype.add as ((request: unknown) => Promise<void>) | undefined;
    const addAll = cache.prototype.addAll as ((requests: unknown[]) => Promise<void>) | undefined;
    if (add)
      seal(cache.prototype, 'add', function (this: unknown, request: unknown) {
        try {
          return add.call(this, checked('Cache.add', request));
        } catch (error) {
          return Promise.reject(error as Error);
        }
      });
    if (addAll)
      seal(cache.prototype, 'addAll', function (this: unknown, requests: unknown[]) {
        try {
          return addAll.call(
            this,
            Array.from(requests, (r) => checked('Cache.addAll', r)),
          );
        } catch (error) {
          return Promise.reject(error as Error);
        }
      });
  }

  for (const name of CONSTRUCTORS) {
    const Original = global[name] as (new (...args: unknown[]) => object) | undefined;
    if (typeof Original !== 'function') continue;
    // A Proxy keeps `instanceof`, the prototype and the static constants (WebSocket.OPEN).
    seal(
      global,
      name,
      new Proxy(Original, {
        construct(target, args, newTarget) {
          const [url, ...rest] = args as unknown[];
          return Reflect.construct(target, [allowed(`new ${name}`, url), ...rest], newTarget);
        },
      }),
    );
  }

  Object.defineProperty(global, INSTALLED, { value: true });
}

function refuse(api: string, href: string): never {
  throw new AppError(
    'off-origin-request',
    `Face Studio's workers only load files from their own origin; ${api} of ${href} was refused.`,
  );
}

/** Puts `value` in place of `object[name]` for good: not writable, not reconfigurable. */
function seal(object: object, name: string, value: unknown): void {
  const own = Object.getOwnPropertyDescriptor(object, name);
  Object.defineProperty(object, name, {
    value,
    writable: false,
    configurable: false,
    enumerable: own?.enumerable ?? false,
  });
}
