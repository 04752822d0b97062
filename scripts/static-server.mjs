// A plain static file server with no security headers at all (no Content-Security-Policy, no
// COOP/COEP): the worst host dist/ could land on. The privacy end-to-end test runs the studio
// here too, so what keeps requests on the origin is the page's <meta> CSP and the workers'
// own same-origin guard, not the server. Only Content-Type and Content-Length are sent, as any
// static host does (module scripts need a JavaScript type).
//   node scripts/static-server.mjs <folder> <port>

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

const [folder = 'dist', port = '4175'] = process.argv.slice(2);
const root = resolve(folder);

/** The file a URL path names inside root, index.html for a folder, or null. */
function fileFor(urlPath) {
  let path;
  try {
    path = normalize(join(root, decodeURIComponent(urlPath)));
  } catch {
    return null;
  }
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return fileFor(`${urlPath.replace(/\/?$/, '/')}index.html`);
    return stats.isFile() ? { path, size: stats.size } : null;
  } catch {
    return null;
  }
}

createServer((request, response) => {
  const file = fileFor(new URL(request.url ?? '/', 'http://localhost').pathname);
  if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file.path)] ?? 'application/octet-stream',
    'Content-Length': file.size,
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file.path).pipe(response);
}).listen(Number(port), 'localhost', () => {
  console.log(`serving ${root} without headers on http://localhost:${port}`);
});
