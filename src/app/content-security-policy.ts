// The Content-Security-Policy of the studio: every fetch, script, worker, image and wasm file
// comes from the app's own origin. Development only adds what Vite's hot reload needs. Scripts
// may also come from blob: URLs, which the page makes itself: the threaded WebAssembly backend
// starts each of its threads from one (src/backends/wasm-backend.ts); no request leaves the origin.

export type CspMode = 'development' | 'production';

export function contentSecurityPolicy(mode: CspMode): string {
  const scriptSrc =
    mode === 'development'
      ? "script-src 'self' blob: 'unsafe-inline' 'wasm-unsafe-eval'"
      : "script-src 'self' blob: 'wasm-unsafe-eval'";
  return [
    "default-src 'self'",
    scriptSrc,
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob: mediastream:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
