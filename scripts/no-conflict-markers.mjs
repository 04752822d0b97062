// Refuses a merge left half-done: a line that starts with a conflict marker (<<<<<<<, =======,
// >>>>>>>), or with the blockquote Prettier makes of one in Markdown ("> > > > > > >"), in any
// file git tracks. Run by `npm test` before the type check.

import { execFileSync } from 'node:child_process';

const MARKER = '^[[:space:]]*(<{7}|>{7})( |$)|^[[:space:]]*\\\\?={7}$|^(> ){6}>';
let found = '';
try {
  found = execFileSync('git', ['grep', '-n', '-E', MARKER, '--', '.', ':!package-lock.json'], {
    encoding: 'utf8',
  });
} catch (error) {
  // git grep exits 1 when nothing matches.
  if (error.status !== 1) throw error;
}
if (found) {
  console.error(`Merge conflict markers left in:\n${found}`);
  process.exit(1);
}
console.log('No merge conflict markers.');
