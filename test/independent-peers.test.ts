/**
 * Our reference peers must not be the only judge: the catalogue also runs against small stations
 * and CSMSs built on ocpp-rpc (test/independent/), an OCPP-J library we did not write, with strict
 * schema validation and configured unlike our reference peers. Every case of a group's plan must
 * pass there, except the disagreements listed with their reasons in test/independent/deviations.ts.
 */
import { describe, expect, it, beforeAll } from '@jest/globals';
import { loadCatalogue } from '../src/engine/catalogue.js';
import type { CaseDefinition } from '../src/engine/case.js';
import type { Verdict } from '../src/core/verdict.js';
import { EXPECTED, NOT_JUDGED } from './independent/deviations.js';
import { JUDGE_PEERS, judgeConfig, runJudged } from './independent/run.js';

/** A case's outcome as the diff shows it: verdict, the failed requirement, and why when unexpected. */
function judged(id: string, result: Verdict): { id: string; verdict: string; requirement?: string; why?: string } {
  const expected = EXPECTED[id];
  const requirement = result.verdict === 'fail' && expected?.requirement ? { requirement: result.requirement } : {};
  const got = { id, verdict: result.verdict, ...requirement };
  if (result.verdict === (expected?.verdict ?? 'pass')) return got;
  const why =
    'message' in result
      ? result.message
      : 'reason' in result
        ? result.reason
        : result.verdict === 'pass-non-strict'
          ? result.notes.join('; ')
          : '';
  return { ...got, why };
}

const GROUPS = [
  ['1.6', 'cs'],
  ['1.6', 'csms'],
  ['2.0.1', 'cs'],
  ['2.0.1', 'csms'],
] as const;

describe('the catalogue against independent ocpp-rpc peers (strict mode)', () => {
  let all: CaseDefinition[] = [];
  beforeAll(async () => {
    all = (await loadCatalogue()).cases;
  });

  it('lists only catalogue cases in its deviations', () => {
    const ids = new Set(all.map((c) => c.meta.id));
    expect([...Object.keys(EXPECTED), ...Object.keys(NOT_JUDGED)].filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const [ocpp, sut] of GROUPS) {
    it(`${ocpp} ${sut}: at least half the cases judged, each with the expected verdict`, async () => {
      // JUDGE_ONLY=<regex> narrows a group to some case ids while developing (the half-judged floor is then not checked).
      const only = process.env.JUDGE_ONLY ? new RegExp(process.env.JUDGE_ONLY) : undefined;
      const group = all.filter((c) => c.meta.ocpp === ocpp && c.meta.sut === sut && (!only || only.test(c.meta.id)));
      // Each case runs on the first of profiles 0 and 1 it allows (profile 1: Basic auth, no TLS);
      // cases only for TLS profiles are not-applicable to these plain-WebSocket judges, not counted.
      const candidates = group.filter((c) => !NOT_JUDGED[c.meta.id]);
      const onProfile = (p: 0 | 1) =>
        candidates.filter(
          (c) => (c.meta.securityProfiles ?? [0]).includes(p) && (p === 0 || !(c.meta.securityProfiles ?? [0]).includes(0)),
        );
      const plans = [onProfile(0), onProfile(1)] as const;
      if (!only) expect((plans[0].length + plans[1].length) * 2).toBeGreaterThanOrEqual(group.length);
      const outcomes = [
        ...(await runJudged(plans[0], JUDGE_PEERS, judgeConfig(0), 4)).outcomes,
        ...(await runJudged(plans[1], JUDGE_PEERS, judgeConfig(1), 4)).outcomes,
      ];
      const res = { outcomes };
      const got = res.outcomes.map((o) => judged(o.def.meta.id, o.result));
      const want = res.outcomes.map((o) => {
        const e = EXPECTED[o.def.meta.id];
        return { id: o.def.meta.id, verdict: e?.verdict ?? 'pass', ...(e?.requirement ? { requirement: e.requirement } : {}) };
      });
      expect(got).toEqual(want);
    }, 240_000);
  }
});
