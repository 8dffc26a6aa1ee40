import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unregisteredRequirements } from '../core/requirements/index.js';
import { unknownFeatures } from '../core/features.js';
import type { CaseDefinition } from './case.js';
import { keptIn21 } from './ocpp21-kept.js';

/** Where the catalogue lives relative to this module, in the source tree and in dist/ alike. */
export function defaultCatalogueDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../testcases');
}

function caseFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...caseFiles(full));
    else if (/^(TC|SEC)[A-Za-z0-9]*_/.test(entry) && /\.(ts|js)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

export interface LoadedCatalogue {
  cases: CaseDefinition[];
  problems: string[];
}

/**
 * Imports every case file (TC_* / SEC_* / SEC16_*). A file `X.ts` default-exports one defineCase
 * with id X; a family file `X.family.ts` default-exports the array defineCaseFamily yields (sibling
 * cases that differ by a parameter, or one security rule for every version and role). A wrong id,
 * a duplicate id or a broken import is a problem, reported, never fatal.
 * A case that names no requirement, or a requirement or rule the registry does not know, is
 * refused: it is a problem and left out of the catalogue, so no command can list or run it.
 */
export async function loadCatalogue(dir = defaultCatalogueDir()): Promise<LoadedCatalogue> {
  const problems: string[] = [];
  const cases: CaseDefinition[] = [];
  const seen = new Map<string, string>();
  for (const file of caseFiles(dir)) {
    const name = basename(file, extname(file));
    const family = name.endsWith('.family');
    let mod: { default?: CaseDefinition | CaseDefinition[] };
    try {
      mod = (await import(pathToFileURL(file).href)) as { default?: CaseDefinition | CaseDefinition[] };
    } catch (err) {
      problems.push(`${file}: cannot be loaded: ${(err as Error).message}`);
      continue;
    }
    const defs = family ? mod.default : [mod.default];
    if (!Array.isArray(defs) || defs.length === 0 || (family && !Array.isArray(mod.default))) {
      problems.push(
        family
          ? `${file}: a .family file default-exports the array of defineCaseFamily()`
          : `${file}: has no default export from defineCase()`,
      );
      continue;
    }
    for (const def of defs as (CaseDefinition | undefined)[]) {
      if (!def?.meta || typeof def.body !== 'function') {
        problems.push(`${file}: has no default export from defineCase()`);
        continue;
      }
      if (!family && def.meta.id !== name) problems.push(`${file}: id ${def.meta.id} does not match the file name`);
      const refusal = requirementProblem(def);
      if (refusal) {
        problems.push(`${file}: ${refusal}`);
        continue;
      }
      if (seen.has(def.meta.id)) {
        problems.push(`${file}: duplicate id ${def.meta.id} (also in ${seen.get(def.meta.id)})`);
        continue;
      }
      seen.set(def.meta.id, file);
      cases.push(def);
    }
  }
  // OCPP 2.1 runs the 2.0.1 cases it keeps from the same definitions (ocpp21-kept.ts).
  cases.push(...keptIn21(cases));
  cases.sort((a, b) => compareIds(a.meta.id, b.meta.id));
  return { cases, problems };
}

/** Why a case's metadata cannot stand on the requirement registry, or undefined when it can. */
function requirementProblem(def: CaseDefinition): string | undefined {
  if (!Array.isArray(def.meta.requirements) || def.meta.requirements.length === 0) return `case ${def.meta.id} names no requirement`;
  const unknown = unregisteredRequirements([...def.meta.requirements, ...(def.meta.rule ? [def.meta.rule] : [])]);
  const features = unknownFeatures(def.meta.features);
  if (features.length) return `case ${def.meta.id} needs features not in src/core/features.ts: ${features.join(', ')}`;
  if (unknown.length === 0) return undefined;
  return `case ${def.meta.id} names ${unknown.length === 1 ? 'a requirement' : 'requirements'} not in the registry (src/core/requirements): ${unknown.join(', ')}`;
}

/** Natural order: TC_B_2 before TC_B_10. */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
