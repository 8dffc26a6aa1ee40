import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRequirements, hasRequirement, isSchemeId, requirement, requirementText } from '../src/core/requirements/index.js';
import { loadCatalogue } from '../src/engine/catalogue.js';
import { defineCase } from '../src/engine/case.js';
import { runAgainst, testConfig } from './support.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry) && !entry.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * A quoted string that looks like a requirement id in any spelling, old or new: an FR id (bare
 * or whitepaper-prefixed), anything starting OCPP / RFC / SEC that ends in a number, or the old
 * liveness pseudo-id.
 */
const ID_LITERAL =
  /(['"`])((?:SECWP16-)?[A-Z][0-9]{2}\.FR\.[0-9]+|(?:OCPP|RFC|SEC)[A-Z0-9]*(?:-[A-Z0-9]+)*-[0-9]+(?:\.[0-9]+)*|liveness|LIVENESS)\1/g;

describe('the requirement registry', () => {
  it('resolves every requirement-id literal in testcases/ and src/', () => {
    const unknown: string[] = [];
    let seen = 0;
    for (const file of [...sourceFiles(join(repo, 'testcases')), ...sourceFiles(join(repo, 'src'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(ID_LITERAL)) {
        seen++;
        if (!hasRequirement(m[2])) unknown.push(`${file.slice(repo.length)}: ${m[2]}`);
      }
    }
    expect(unknown).toEqual([]);
    expect(seen).toBeGreaterThan(1000);
  });

  it('holds well-formed entries: scheme ids, one sentence of our own, a document, a section and a level', () => {
    const entries = allRequirements();
    expect(entries.length).toBeGreaterThan(300);
    expect(new Set(entries.map((r) => r.id)).size).toBe(entries.length);
    for (const r of entries) {
      expect(isSchemeId(r.id)).toBe(true);
      expect(r.text).toMatch(/^[A-Z0-9].{20,220}\.$/);
      expect(r.text.replace(/\.{3}|e\.g\./g, '').slice(0, -1)).not.toMatch(/\. [A-Z]/);
      expect(r.document.length).toBeGreaterThan(10);
      expect(r.section.length).toBeGreaterThan(1);
      expect(['MUST', 'SHOULD']).toContain(r.level);
    }
    expect(requirement('SECWP16-A00.FR.205')).toMatchObject({ source: 'SECWP16', section: 'use case A00' });
    expect(requirement('OCPPJ20-4.1.3')).toMatchObject({ source: 'OCPPJ20', section: '§4.1.3' });
    expect(requirementText('B99.FR.99')).toBeUndefined();
  });

  it('knows none of the legacy spellings', () => {
    // Spelt in pieces, so that rename-requirements.mjs leaves this list alone.
    const legacy = [
      ['OCPP-J', '4.1.3'],
      ['OCPP16J', '4.2.1'],
      ['OCPP-RPC', '06'],
      ['OCPP-DOS', '01'],
      ['RPC', '06'],
    ].map((p) => p.join('-'));
    for (const id of [...legacy, 'liveness', 'LIVENESS']) {
      expect(isSchemeId(id)).toBe(false);
      expect(hasRequirement(id)).toBe(false);
    }
  });
});

describe('an unregistered requirement id', () => {
  it('makes catalogue loading refuse the case that names it', async () => {
    const { cases, problems } = await loadCatalogue(join(repo, 'test/fixtures/unknown-requirement'));
    expect(cases.map((c) => c.meta.id)).toEqual(['TC_X_02_CS']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('TC_X_01_CS');
    expect(problems[0]).toContain('not in the registry');
    expect(problems[0]).toContain('B99.FR.99');
  });

  it('named by a failure at run time is a harness error, not a fail', async () => {
    const meta = { ocpp: '2.0.1', sut: 'csms', block: 'B', purpose: 'A body that names requirement ids directly.', fault: 'none' } as const;
    const unknownFail = defineCase(
      { ...meta, id: 'TC_X_03_CSMS', title: 'Fails naming an unknown id', requirements: ['B01.FR.01'] },
      async (ctx) => {
        ctx.check(false, 'B99.FR.99', 'something', 'nothing');
      },
    );
    const unknownNote = defineCase(
      { ...meta, id: 'TC_X_04_CSMS', title: 'Notes an unknown id', requirements: ['B01.FR.01'] },
      async (ctx) => {
        ctx.nonStrict('B99.FR.98', 'a remark');
      },
    );
    const knownFail = defineCase(
      { ...meta, id: 'TC_X_05_CSMS', title: 'Fails naming a known id', requirements: ['B01.FR.01'] },
      async (ctx) => {
        ctx.check(false, 'B01.FR.01', 'something', 'nothing');
      },
    );
    const { outcomes } = await runAgainst([unknownFail, unknownNote, knownFail], {}, testConfig({ caseMs: 60000 }));
    expect(outcomes[0].result).toMatchObject({ verdict: 'error', reason: expect.stringContaining('B99.FR.99') });
    expect(outcomes[1].result).toMatchObject({ verdict: 'error', reason: expect.stringContaining('B99.FR.98') });
    expect(outcomes[2].result).toMatchObject({ verdict: 'fail', requirement: 'B01.FR.01' });
  });
});
