// Makes a dataset zip exactly as the studio's Export screen does, for the trainer's tests: every
// image of every person folder under <source> goes through the studio's own writer
// (src/transfer/dataset-zip-writer.ts), which names the folders, hashes the images, splits each
// person as the app does and writes manifest.json.
//
//   node make-studio-zip.mjs <source folder> <out.zip> [--name "Folder=Person name"]…
//
// Prints the manifest's identities and the split counts as JSON.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { studioModule } from './studio-modules.mjs';

const [source, out, ...rest] = process.argv.slice(2);
if (!source || !out) {
  console.error('usage: node make-studio-zip.mjs <source folder> <out.zip> [--name Folder=Name]…');
  process.exit(2);
}
const names = new Map();
for (let i = 0; i < rest.length; i += 2) {
  const [folder, name] = (rest[i + 1] ?? '').split('=');
  if (rest[i] !== '--name' || !folder || !name) {
    console.error(`make-studio-zip: expected --name Folder=Name, got ${rest[i]} ${rest[i + 1]}`);
    process.exit(2);
  }
  names.set(folder, name);
}

const { writeDatasetZip } = await studioModule('transfer/dataset-zip-writer.ts');
const folders = readdirSync(source, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const entries = folders.flatMap((folder) =>
  readdirSync(join(source, folder))
    .sort()
    .map((fileName) => ({
      identity: names.get(folder) ?? folder,
      fileName,
      bytes: new Uint8Array(readFileSync(join(source, folder, fileName))),
    })),
);
const writer = writeDatasetZip(entries, {
  appVersion: 'trainer-test',
  total: entries.length,
  identities: folders.map((folder) => names.get(folder) ?? folder),
  createdAt: new Date('2026-01-01T00:00:00Z'),
});
const chunks = [];
let next = await writer.next();
while (!next.done) {
  chunks.push(next.value);
  next = await writer.next();
}
writeFileSync(out, Buffer.concat(chunks));
const manifest = next.value;
const counts = { train: 0, val: 0, test: 0 };
for (const image of manifest.images) counts[image.split]++;
console.log(JSON.stringify({ identities: manifest.identities, counts }));
