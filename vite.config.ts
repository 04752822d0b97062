// Vite configuration: the React app, its workers, and the headers that keep every request on
// the app's own origin (Content-Security-Policy) in development, preview and the built page.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './src/app/content-security-policy.ts';

/** Writes the production CSP into index.html as a meta tag, so any static host enforces it. */
function cspMetaTag(): Plugin {
  return {
    name: 'face-studio-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      // frame-ancestors only works as a header (the preview server sends it); a meta tag ignores it.
      const policy = contentSecurityPolicy('production')
        .split('; ')
        .filter((directive) => !directive.startsWith('frame-ancestors'))
        .join('; ');
      const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
      return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    ${meta}`);
    },
  };
}

/**
 * Cross-origin isolation: gives the page SharedArrayBuffer, so the WebAssembly backend can train
 * on several threads (src/backends/wasm-backend.ts). Every resource is same-origin, so
 * require-corp blocks nothing. A static host must send these two headers too, or training runs
 * on one thread.
 */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), cspMetaTag()],
  worker: { format: 'es' },
  server: {
    headers: {
      'Content-Security-Policy': contentSecurityPolicy('development'),
      ...crossOriginIsolation,
    },
  },
  preview: {
    headers: {
      'Content-Security-Policy': contentSecurityPolicy('production'),
      ...crossOriginIsolation,
    },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // bench.html drives the training code for `npm run bench`; model-check.html is a plain
    // TF.js page the e2e tests load exported models in; the studio itself is index.html.
    rollupOptions: {
      input: { main: 'index.html', bench: 'bench.html', modelCheck: 'model-check.html' },
    },
  },
});
