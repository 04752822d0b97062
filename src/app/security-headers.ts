// The HTTP headers every file of the studio is served with, in one place: the dev and preview
// servers send them (vite.config.ts), the build writes them into dist/_headers (Netlify,
// Cloudflare Pages), and the README's nginx and Caddy configurations are these same lines
// (security-headers.test.ts compares them). Headers matter most for the workers: a dedicated
// worker takes its Content-Security-Policy from its own script's response, never from the
// page's <meta> tag, so only a host that sends the CSP puts the browser's own fence around
// them (their same-origin guard, src/worker/same-origin-guard.ts, holds on any host).

import { contentSecurityPolicy, type CspMode } from './content-security-policy.ts'; // .ts: vite.config.ts loads this file

export function securityHeaders(mode: CspMode): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(mode),
    // Cross-origin isolation: SharedArrayBuffer, so the WebAssembly backend trains on several
    // threads (src/backends/wasm-backend.ts). Every resource is same-origin, so require-corp
    // blocks nothing; without these two, training runs on one thread.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

export type HostConfigFormat = '_headers' | 'nginx' | 'caddy';

/** The production headers as a host's configuration for every path of the site. */
export function hostConfig(format: HostConfigFormat): string {
  const headers = Object.entries(securityHeaders('production'));
  switch (format) {
    case '_headers':
      return ['/*', ...headers.map(([name, value]) => `  ${name}: ${value}`)].join('\n');
    case 'nginx':
      // `always`: on error pages too. A location block with add_header of its own drops these.
      return headers.map(([name, value]) => `add_header ${name} "${value}" always;`).join('\n');
    case 'caddy':
      return ['header {', ...headers.map(([name, value]) => `    ${name} "${value}"`), '}'].join(
        '\n',
      );
  }
}
