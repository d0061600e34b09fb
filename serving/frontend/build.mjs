// Bundles the planners' map (src/) into the serving jar's static files with esbuild.
//   node build.mjs          writes ../src/main/resources/org/citylake/serving/static/
//   node build.mjs --check  builds into a temporary folder and fails when the committed bundle
//                           differs from what the sources build to (run `npm run build`, commit)
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const committed = join(here, '..', 'src', 'main', 'resources', 'org', 'citylake', 'serving', 'static');
const check = process.argv.includes('--check');
const out = check ? mkdtempSync(join(tmpdir(), 'citylake-web-')) : committed;
const pages = ['login.html', 'map.html'];

mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, 'src', 'map.js'), join(here, 'src', 'login.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  outdir: out,
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const page of pages) {
  copyFileSync(join(here, 'src', page), join(out, page));
}
// MapLibre runs its tile worker as a module of its own, loaded from next to the bundle.
copyFileSync(
  join(here, 'node_modules', 'maplibre-gl', 'dist', 'maplibre-gl-worker.mjs'),
  join(out, 'maplibre-gl-worker.mjs'));

if (check) {
  const want = readdirSync(out).sort();
  const have = readdirSync(committed).sort();
  const differing = want.filter(
    (f) => !have.includes(f) || !readFileSync(join(out, f)).equals(readFileSync(join(committed, f))));
  const extra = have.filter((f) => !want.includes(f));
  rmSync(out, { recursive: true, force: true });
  if (differing.length || extra.length) {
    console.error(
      `the committed bundle in ${committed} does not match serving/frontend/src` +
        ` (differs: ${differing.join(', ') || 'none'}; not built: ${extra.join(', ') || 'none'}):` +
        ' run `npm ci && npm run build` in serving/frontend and commit the result');
    process.exit(1);
  }
  console.log(`bundle matches the sources: ${want.join(', ')}`);
}
