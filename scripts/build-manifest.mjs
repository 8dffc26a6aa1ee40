// Build step (npm run build, after tsc): compiles the catalogue's metadata into
// dist/testcases/catalogue.manifest.json, so `list` starts without importing every case file and a
// run imports only the cases it selected. Any case file added under testcases/ is picked up here.
import { defaultCatalogueDir, loadCatalogue } from '../dist/src/engine/catalogue.js';
import { buildManifest, writeManifest } from '../dist/src/engine/catalogue-manifest.js';

const dir = defaultCatalogueDir();
const loaded = await loadCatalogue(dir);
const path = writeManifest(dir, await buildManifest(dir, loaded));
const problems = loaded.problems.length ? `, ${loaded.problems.length} problems (listed by every command)` : '';
process.stdout.write(`catalogue manifest: ${loaded.cases.length} cases${problems} -> ${path}\n`);
