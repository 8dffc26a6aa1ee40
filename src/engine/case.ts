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
