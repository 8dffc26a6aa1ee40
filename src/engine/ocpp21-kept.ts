import type { SutRole } from '../core/meta.js';
import type { CaseDefinition } from './case.js';
import { KEPT_21_IDS } from './ocpp21-kept-ids.js';

/**
 * OCPP 2.1 keeps most 2.0.1 test case ids (octt-catalogue.md §4: "2.0.1 IDs are kept"). A kept
 * case has ONE definition, the 2.0.1 case file: the catalogue loader adds a 2.1 entry for it with
 * the same id, body and requirements, run against 2.1 SUTs and the 2.1 reference peers (whose
 * differences are written as deltas in src/peers/<role>/v21/). Only the ids listed in
 * ocpp21-kept-ids.ts are kept: each was proven with `selfcheck --ocpp 2.1`; a 2.0.1 case added
 * later joins 2.1 only once it is listed (so an unproven case never runs against a 2.1 SUT).
 */
export function keptIn21(cases: readonly CaseDefinition[]): CaseDefinition[] {
  const kept: Record<SutRole, ReadonlySet<string>> = { cs: new Set(KEPT_21_IDS.cs), csms: new Set(KEPT_21_IDS.csms) };
  return cases
    .filter(({ meta }) => meta.ocpp === '2.0.1' && kept[meta.sut].has(meta.id))
    .map((def) => ({ ...def, meta: { ...def.meta, ocpp: '2.1' as const, tags: [...def.meta.tags, 'kept-from-2.0.1'] } }));
}

/** The kept ids the catalogue has no 2.0.1 case for (a renamed or removed case); the catalogue test wants none. */
export function missingKept21(cases: readonly CaseDefinition[]): string[] {
  const have = new Set(cases.filter((c) => c.meta.ocpp === '2.0.1').map((c) => `${c.meta.sut}:${c.meta.id}`));
  return (['cs', 'csms'] as const).flatMap((sut) =>
    KEPT_21_IDS[sut].filter((id) => !have.has(`${sut}:${id}`)).map((id) => `ocpp21-kept-ids.ts: kept id ${id} has no 2.0.1 ${sut} case`),
  );
}
