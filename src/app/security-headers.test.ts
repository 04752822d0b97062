// The studio's headers: one set for every server, the policy keeps every request on the origin,
// and the README's host configurations are exactly what security-headers.ts says.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostConfig, securityHeaders } from './security-headers';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

const directives = (policy: string | undefined) =>
  new Map((policy ?? '').split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('securityHeaders', () => {
  it('keeps every kind of request on the origin in production', () => {
    const policy = directives(securityHeaders('production')['Content-Security-Policy']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    // blob: scripts and workers are the WASM backend's pthreads, made by our own code.
    expect(policy.get('script-src')).toEqual(["'self'", 'blob:', "'wasm-unsafe-eval'"]);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [name, sources] of policy)
      for (const source of sources ?? [])
        expect(source, `${name} ${source}`).toMatch(
          /^('self'|'none'|'unsafe-inline'|'wasm-unsafe-eval'|blob:|data:|mediastream:)$/,
        );
  });

  it('sends the same headers in development, with the dev server’s inline scripts allowed', () => {
    const dev = securityHeaders('development');
    const production = securityHeaders('production');
    expect(Object.keys(dev)).toEqual(Object.keys(production));
    expect(dev['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(dev['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(directives(dev['Content-Security-Policy']).get('script-src')).toContain(
      "'unsafe-inline'",
    );
    expect(directives(production['Content-Security-Policy']).get('script-src')).not.toContain(
      "'unsafe-inline'",
    );
  });
});

describe('hostConfig', () => {
  it.each([
    ['_headers', 'text'],
    ['nginx', 'nginx'],
    ['caddy', 'caddyfile'],
  ] as const)('%s: the README gives exactly these lines', (format, language) => {
    const config = hostConfig(format);
    for (const [name, value] of Object.entries(securityHeaders('production'))) {
      expect(config).toContain(name);
      expect(config).toContain(value);
    }
    expect(README).toContain(`\`\`\`${language}\n${config}\n\`\`\``);
  });
});
