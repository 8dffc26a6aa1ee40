import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname ?? __dirname, '..');

/** What `npm test` refuses before any case runs: wrong-way imports, cycles and lint errors. */
describe('layer rules (dependency-cruiser)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-harness-layers-'));
    cpSync(join(repo, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true } }),
    );
    for (const d of ['src/core', 'src/engine', 'src/peers', 'testcases']) mkdirSync(join(dir, d), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cruise(files: Record<string, string>): Promise<{ code: number; out: string }> {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    try {
      const r = await run(
        process.execPath,
        [
          join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
          'src',
          'testcases',
          '--config',
          '.dependency-cruiser.cjs',
          '--output-type',
          'err',
        ],
        { cwd: dir },
      );
      return { code: 0, out: r.stdout };
    } catch (e) {
      const err = e as { code: number; stdout: string };
      return { code: err.code, out: err.stdout };
    }
  }

  it('accepts imports that go down the layers', async () => {
    const r = await cruise({
      'src/core/verdict.ts': 'export const pass = 1;\n',
      'src/engine/runner.ts': "import { pass } from '../core/verdict.js';\nexport const run = pass;\n",
      'src/peers/peer.ts': "import { run } from '../engine/runner.js';\nexport const peer = run;\n",
    });
    expect(r.code).toBe(0);
  });

  it('refuses a wrong-way import (engine -> peers) and names the rule', async () => {
    const r = await cruise({ 'src/engine/runner.ts': "import { peer } from '../peers/peer.js';\nexport const run = peer;\n" });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/layer-engine/);
    rmSync(join(dir, 'src/engine/runner.ts'));
  });

  it('refuses a case file importing an engine internal', async () => {
    const r = await cruise({ 'testcases/TC_X_01_CS.ts': "import { pass } from '../src/core/verdict.js';\nexport default pass;\n" });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/cases-import-dsl-and-kit/);
    rmSync(join(dir, 'testcases/TC_X_01_CS.ts'));
  });
});

describe('lint (ESLint with typescript-eslint)', () => {
  it('reports an error for an unused variable in a source file', async () => {
    const eslint = new ESLint({ cwd: repo });
    const [result] = await eslint.lintText('export function f(): number {\n  const unused = 1;\n  return 2;\n}\n', {
      filePath: join(repo, 'src/core/lint-fixture.ts'),
    });
    expect(result?.errorCount).toBeGreaterThan(0);
    expect(result?.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-unused-vars');
  });

  it('accepts clean code', async () => {
    const eslint = new ESLint({ cwd: repo });
    const [result] = await eslint.lintText('export function f(a: number): number {\n  return a + 1;\n}\n', {
      filePath: join(repo, 'src/core/lint-fixture.ts'),
    });
    expect(result?.errorCount).toBe(0);
  });
});
