import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CaseMeta } from '../core/meta.js';
import type { CaseDefinition } from './case.js';

/**
 * The catalogue compiled at build: every case's metadata, the file and export slot its body comes
 * from, and a fingerprint (name and content hash) of every case file and of the requirement/feature
 * registries the metadata was checked against. `list` reads it instead of importing hundreds of
 * case modules, and a run imports only the case modules it selected, when it starts each case.
 *
 * A manifest that does not match the files on disk (a case added, removed or rebuilt since) is
 * stale: the loader says why and the caller imports the case files instead, so no command ever
 * lists or runs a catalogue other than the one on disk.
 *
 * This module imports no case, no registry and no peer: it is what keeps `list` instant.
 */
export const MANIFEST_FILE = 'catalogue.manifest.json';
const FORMAT = 1;

export interface ManifestEntry {
  /** Case file, relative to the catalogue directory, with `/` separators. */
  file: string;
  /** Index in the file's default-exported array (a .family file); 0 for a single case. */
  index: number;
  meta: CaseMeta;
}

export interface CatalogueManifest {
  format: number;
  /** Each case file and registry file: path relative to the catalogue dir (registries `../src/core/...`), size, mtime, SHA-1. */
  fingerprint: [file: string, size: number, mtimeMs: number, sha1: string][];
  cases: ManifestEntry[];
  problems: string[];
}

const CASE_FILE = /^(TC|SEC)[A-Za-z0-9]*_.*\.(ts|js)$/;

function caseFilesOf(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...caseFilesOf(full));
    else if (CASE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/**
 * The registries a case's metadata is validated against (a changed registry can refuse a case):
 * src/core next to the catalogue (testcases/ and src/, or dist/testcases/ and dist/src/).
 */
function registryFiles(dir: string): string[] {
  const core = resolve(dir, '../src/core');
  const req = join(core, 'requirements');
  const files = existsSync(req) ? readdirSync(req).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')) : [];
  return [...files.map((f) => join(req, f)), ...['features.js', 'features.ts'].map((f) => join(core, f)).filter((f) => existsSync(f))];
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

type Print = [file: string, size: number, mtimeMs: number, sha1: string];

function sha1Of(file: string): string {
  return createHash('sha1').update(readFileSync(file)).digest('hex');
}

/** The catalogue's files as they are on disk now, in a stable order: path and stat, hashed or not. */
function filesNow(dir: string): { rel: string; full: string; size: number; mtimeMs: number }[] {
  return [...caseFilesOf(dir), ...registryFiles(dir)]
    .map((full) => {
      const st = statSync(full);
      return { rel: posix(relative(dir, full)), full, size: st.size, mtimeMs: Math.round(st.mtimeMs) };
    })
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** The fingerprint of the catalogue as it is on disk now: name, size, mtime and content hash of each file. */
export function fingerprintOf(dir: string): Print[] {
  return filesNow(dir).map((f): Print => [f.rel, f.size, f.mtimeMs, sha1Of(f.full)]);
}

/**
 * Why `manifest` does not describe `dir` as it is now, or undefined when it does. Names and sizes
 * must match; a file whose mtime moved (a copied or re-installed dist/) is hashed, so only a
 * changed content makes the manifest stale, and a matching stat costs no read.
 */
export function staleness(manifest: CatalogueManifest, dir: string): string | undefined {
  if (manifest.format !== FORMAT) return `format ${manifest.format}, expected ${FORMAT}`;
  const then = new Map(manifest.fingerprint.map((p) => [p[0], p]));
  const now = filesNow(dir);
  for (const f of now) {
    const p = then.get(f.rel);
    if (!p) return `${f.rel} is new`;
    if (p[1] !== f.size || (p[2] !== f.mtimeMs && p[3] !== sha1Of(f.full))) return `${f.rel} changed`;
  }
  if (now.length !== then.size) return `${[...then.keys()].find((f) => !now.some((n) => n.rel === f))} is gone`;
  return undefined;
}

/** The manifest of `loaded` (the catalogue as loadCatalogue returned it, from the files in `dir`). */
export async function buildManifest(dir: string, loaded: { cases: CaseDefinition[]; problems: string[] }): Promise<CatalogueManifest> {
  const fingerprint = fingerprintOf(dir);
  // Where each body lives: cases are traced by their body function, so a catalogue that derives
  // cases from others (the same body under another version) still finds its module.
  const slots = new Map<unknown, { file: string; index: number }>();
  for (const [rel] of fingerprint) {
    if (rel.startsWith('..')) continue;
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(join(dir, rel)).href)) as { default?: unknown };
    } catch {
      continue; // loadCatalogue already named the broken import among the problems
    }
    const defs = Array.isArray(mod.default) ? mod.default : [mod.default];
    defs.forEach((d, index) => {
      const body = (d as CaseDefinition | undefined)?.body;
      if (typeof body === 'function' && !slots.has(body)) slots.set(body, { file: rel, index });
    });
  }
  const cases = loaded.cases.map((c) => {
    const slot = slots.get(c.body);
    if (!slot) throw new Error(`catalogue manifest: case ${c.meta.id} has a body no case file exports; cannot load it lazily`);
    return { ...slot, meta: c.meta };
  });
  return { format: FORMAT, fingerprint, cases, problems: loaded.problems };
}

export function writeManifest(dir: string, manifest: CatalogueManifest): string {
  const path = join(dir, MANIFEST_FILE);
  writeFileSync(path, `${JSON.stringify(manifest)}\n`);
  return path;
}

/** A case whose body module is imported the first time the case runs. */
function lazyCase(dir: string, entry: ManifestEntry): CaseDefinition {
  let loaded: Promise<CaseDefinition> | undefined;
  const load = async (): Promise<CaseDefinition> => {
    const mod = (await import(pathToFileURL(join(dir, entry.file)).href)) as { default?: CaseDefinition | CaseDefinition[] };
    const def = Array.isArray(mod.default) ? mod.default[entry.index] : mod.default;
    if (!def || typeof def.body !== 'function')
      throw new Error(`${entry.file}: export ${entry.index} is not a case; rebuild the catalogue manifest`);
    return def;
  };
  return {
    meta: entry.meta,
    body: async (ctx) => {
      loaded ??= load();
      return (await loaded).body(ctx);
    },
  };
}

export type ManifestLoad = { ok: true; cases: CaseDefinition[]; problems: string[] } | { ok: false; missing: boolean; reason: string };

/** The catalogue from the manifest in `dir`, or why it cannot be used (missing, unreadable, stale). */
export function loadFromManifest(dir: string): ManifestLoad {
  const path = join(dir, MANIFEST_FILE);
  let manifest: CatalogueManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as CatalogueManifest;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, reason: missing ? `no ${MANIFEST_FILE}` : `${MANIFEST_FILE} is unreadable` };
  }
  const stale = staleness(manifest, dir);
  if (stale) return { ok: false, missing: false, reason: `${MANIFEST_FILE} is out of date (${stale})` };
  return { ok: true, cases: manifest.cases.map((e) => lazyCase(dir, e)), problems: manifest.problems };
}

/** The catalogue directory, as catalogue.ts has it (this module must not import that one). */
function catalogueDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../testcases');
}

/**
 * The catalogue for the CLI: from the manifest when it matches the files on disk, else by
 * importing every case file (loadCatalogue), after telling `onStale` why when a manifest exists
 * but is out of date. A missing manifest (the source tree under jest) falls back quietly.
 */
export async function loadCatalogueQuickly(
  dir = catalogueDir(),
  onStale?: (reason: string) => void,
): Promise<{ cases: CaseDefinition[]; problems: string[] }> {
  const quick = loadFromManifest(dir);
  if (quick.ok) return quick;
  if (!quick.missing) onStale?.(`${quick.reason}; importing the case files instead (npm run build refreshes it)`);
  const { loadCatalogue } = await import('./catalogue.js');
  return loadCatalogue(dir);
}
