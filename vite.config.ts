// Vite configuration: the React app, its workers, and the headers that keep every request on
// the app's own origin (src/app/security-headers.ts) in development, preview and the built page.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './src/app/content-security-policy.ts';
import { hostConfig, securityHeaders } from './src/app/security-headers.ts';

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

export default defineConfig({
  plugins: [react(), cspMetaTag(), headersFile()],
  worker: { format: 'es' },
  server: { headers: securityHeaders('development') },
  preview: { headers: securityHeaders('production') },
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
