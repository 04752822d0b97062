// Vite configuration: the React app, its workers, and the headers that keep every request on
// the app's own origin (src/app/security-headers.ts) in development, preview and the built page.
// `vite build` makes the studio alone in dist/, which is what a host serves; the test pages
// (bench.html for `npm run bench`, model-check.html, a plain TF.js page for the end-to-end tests
// and `npm run eval`) are built apart by `vite build --mode test-pages` into dist-test-pages/,
// which `vite preview --mode test-pages` serves. The dev server (`npm start`) serves all three.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './src/app/content-security-policy.ts';
import { hostConfig, securityHeaders } from './src/app/security-headers.ts';

const TEST_PAGES_MODE = 'test-pages';

/** Writes the production CSP into each page as a meta tag, so any static host enforces it. */
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

/** dist/_headers: the headers for Netlify and Cloudflare Pages, which read that file. */
function headersFile(): Plugin {
  return {
    name: 'face-studio-headers-file',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: `${hostConfig('_headers')}\n` });
    },
  };
}

export default defineConfig(({ mode }) => {
  const testPages = mode === TEST_PAGES_MODE;
  const input: Record<string, string> = testPages
    ? { bench: 'bench.html', modelCheck: 'model-check.html' }
    : { main: 'index.html' };
  return {
    plugins: [react(), cspMetaTag(), ...(testPages ? [] : [headersFile()])],
    worker: { format: 'es' },
    server: { headers: securityHeaders('development') },
    preview: { headers: securityHeaders('production') },
    build: {
      target: 'es2022',
      chunkSizeWarningLimit: 4096,
      outDir: testPages ? 'dist-test-pages' : 'dist',
      rollupOptions: { input },
    },
  };
});
