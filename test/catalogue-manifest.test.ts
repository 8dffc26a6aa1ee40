import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalogue } from '../src/engine/catalogue.js';
import { buildManifest, loadCatalogueQuickly, loadFromManifest, writeManifest } from '../src/engine/catalogue-manifest.js';
import type { CaseContext } from '../src/engine/context.js';

/** A plain-JS case file that counts, on globalThis, when it is imported and when its body runs. */
function caseFile(id: string, title: string): string {
  const meta = { id, title, ocpp: '2.0.1', sut: 'cs', block: 'X', requirements: ['B01.FR.01'], purpose: 'fixture', fault: 'none' };
  const full = { suite: 'conformance', profiles: ['Core'], features: [], tags: [], ...meta };
  return `globalThis.__manifestImports = (globalThis.__manifestImports ?? 0) + 1;
export default { meta: ${JSON.stringify(full)}, body: async () => { globalThis.__manifestRuns = (globalThis.__manifestRuns ?? 0) + 1; } };
`;
}

const g = globalThis as { __manifestImports?: number; __manifestRuns?: number };

describe('catalogue manifest (issue 11, instant start)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'TC_X_01_CS.js'), caseFile('TC_X_01_CS', 'one'));
    writeFileSync(join(dir, 'TC_X_02_CS.js'), caseFile('TC_X_02_CS', 'two'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists from the manifest without importing a case, and imports one only when its body runs', async () => {
    const loaded = await loadCatalogue(dir);
    expect(loaded.problems).toEqual([]);
    writeManifest(dir, await buildManifest(dir, loaded));
    // The manifest holds what loadCatalogue found: same ids, same metadata, same order.
    const quick = loadFromManifest(dir);
    if (!quick.ok) throw new Error(quick.reason);
    expect(quick.cases.map((c) => c.meta)).toEqual(loaded.cases.map((c) => c.meta));
    // A copy (new module URLs, never imported; every mtime moved, so the content hashes decide).
    const copy = `${dir}-copy`;
    cpSync(dir, copy, { recursive: true });
    try {
      const before = g.__manifestImports ?? 0;
      const runsBefore = g.__manifestRuns ?? 0;
      const copied = loadFromManifest(copy);
      if (!copied.ok) throw new Error(copied.reason);
      expect(copied.cases.map((c) => c.meta.id)).toEqual(['TC_X_01_CS', 'TC_X_02_CS']);
      expect(g.__manifestImports ?? 0).toBe(before);
      await copied.cases[1]?.body({} as CaseContext);
      await copied.cases[1]?.body({} as CaseContext);
      expect(g.__manifestImports).toBe(before + 1);
      expect(g.__manifestRuns).toBe(runsBefore + 2);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a case added, changed or removed makes the manifest stale, and the loader imports the files instead', async () => {
    writeManifest(dir, await buildManifest(dir, await loadCatalogue(dir)));
    expect(loadFromManifest(dir).ok).toBe(true);
    const reasons: string[] = [];
    const onStale = (r: string) => reasons.push(r);

    writeFileSync(join(dir, 'TC_X_03_CS.js'), caseFile('TC_X_03_CS', 'three'));
    expect(loadFromManifest(dir)).toMatchObject({ ok: false, reason: expect.stringContaining('TC_X_03_CS.js is new') });
    const added = await loadCatalogueQuickly(dir, onStale);
    expect(added.cases.map((c) => c.meta.id)).toEqual(['TC_X_01_CS', 'TC_X_02_CS', 'TC_X_03_CS']);

    unlinkSync(join(dir, 'TC_X_03_CS.js'));
    expect(loadFromManifest(dir).ok).toBe(true);
    unlinkSync(join(dir, 'TC_X_02_CS.js'));
    expect(loadFromManifest(dir)).toMatchObject({ ok: false, reason: expect.stringContaining('TC_X_02_CS.js is gone') });
    expect((await loadCatalogueQuickly(dir, onStale)).cases.map((c) => c.meta.id)).toEqual(['TC_X_01_CS']);

    writeFileSync(join(dir, 'TC_X_02_CS.js'), caseFile('TC_X_02_CS', 'two, renamed'));
    expect(loadFromManifest(dir)).toMatchObject({ ok: false, reason: expect.stringContaining('TC_X_02_CS.js changed') });
    expect(reasons.length).toBe(2);
    expect(reasons[0]).toMatch(/out of date .*importing the case files instead/);

    // No manifest at all (the source tree): quietly the full import.
    unlinkSync(join(dir, 'catalogue.manifest.json'));
    expect((await loadCatalogueQuickly(dir, onStale)).cases).toHaveLength(2);
    expect(reasons.length).toBe(2);
  });

  it("every case's metadata survives the manifest's JSON unchanged, and every body is traced to its file", async () => {
    const { cases, problems } = await loadCatalogue();
    const manifest = await buildManifest(resolve('testcases'), { cases, problems });
    expect(manifest.cases).toHaveLength(cases.length);
    expect(JSON.parse(JSON.stringify(manifest.cases.map((c) => c.meta)))).toEqual(cases.map((c) => c.meta));
    for (const e of manifest.cases) expect(existsSync(join('testcases', e.file))).toBe(true);
  });

  it('the built CLI lists from a fresh manifest, loading no case module, peer or reporter', () => {
    const dist = resolve('dist/testcases');
    const fresh = loadFromManifest(dist);
    expect(fresh).toMatchObject({ ok: true });
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      `export async function load(url, c, next) { if (url.startsWith('file:')) process.stderr.write('LOADED ' + url + '\\n'); return next(url, c); }\n`,
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, 'dist/src/cli/main.js', 'list', '--json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const listed = JSON.parse(r.stdout) as { id: string }[];
    expect(listed.length).toBe(fresh.ok ? fresh.cases.length : -1);
    const loadedFiles = r.stderr.split('\n').filter((l) => l.startsWith('LOADED '));
    expect(loadedFiles.length).toBeGreaterThan(3);
    expect(loadedFiles.filter((l) => /\/testcases\/|\/peers\/|\/reporters\/|\/ajv\//.test(l))).toEqual([]);
  });
});
