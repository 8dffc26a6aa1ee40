import type { CaseMeta, CaseMetaInput } from '../core/meta.js';
import type { CaseContext } from './context.js';

export type CaseBody = (ctx: CaseContext) => Promise<void>;

export interface CaseDefinition {
  meta: CaseMeta;
  body: CaseBody;
}

/**
 * Declares one catalogue case: metadata readable without running anything, plus one linear
 * async body that reads like the scenario.
 */
export function defineCase(meta: CaseMetaInput, body: CaseBody): CaseDefinition {
  return {
    meta: {
      suite: 'conformance',
      profiles: ['Core'],
      features: [],
      tags: [],
      ...meta,
    },
    body,
  };
}

/**
 * Declares sibling cases from one table: each row yields a case with its own id (Hard and Soft
 * reset; one security rule for each version and role from per-version expectation tables).
 * A file `X.family.ts` default-exports the result.
 */
export function defineCaseFamily<const Row>(rows: readonly Row[], make: (row: Row) => CaseDefinition): CaseDefinition[] {
  return rows.map(make);
}
